/**
 * Outgoing email. With SMTP_URL mail goes out through nodemailer's SMTP transport; without it
 * (development only) it is built by nodemailer all the same and kept in a local outbox to read.
 */
import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export interface OutboxEntry {
  id: string;
  to: string;
  subject: string;
  text: string;
  links: string[];
  sentAt: string;
}

const URL_PATTERN = /https?:\/\/[^\s<>"')]+/g;

export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, ...message });
  }

  close(): void {
    this.transport.close();
  }
}

/** Keeps the newest messages in memory for /dev/mail; never used in production. */
export class OutboxMailer implements Mailer {
  private readonly transport: Transporter;
  private readonly entries: OutboxEntry[] = [];

  constructor(
    private readonly from: string,
    private readonly now: () => number,
    private readonly capacity = 500,
  ) {
    this.transport = nodemailer.createTransport({ jsonTransport: true });
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, ...message });
    this.entries.push({
      id: randomUUID(),
      to: message.to,
      subject: message.subject,
      text: message.text,
      links: message.text.match(URL_PATTERN) ?? [],
      sentAt: new Date(this.now()).toISOString(),
    });
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  /** Newest first. */
  list(): OutboxEntry[] {
    return [...this.entries].reverse();
  }

  close(): void {
    this.transport.close();
  }
}
