/**
 * The development outbox: /dev/mail for people, /dev/mail.json for scripts. Never mounted in
 * production or when mail really goes out through SMTP.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../http/errors.js';
import type { OutboxMailer } from './mailer.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function linkify(escapedText: string): string {
  return escapedText.replace(/https?:\/\/[^\s<>"']+/g, (url) => `<a href="${url}">${url}</a>`);
}

function isLoopback(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');
}

/** The outbox holds live sign-in and reset links: only this machine may read it. */
export function registerDevMailRoutes(app: FastifyInstance, outbox: OutboxMailer): void {
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.url.startsWith('/dev/') && !isLoopback(request.ip)) {
      done(new AppError('NOT_FOUND', 404, 'This resource was not found.'));
      return;
    }
    done();
  });

  app.get('/dev/mail.json', { schema: { hide: true } }, () => ({ messages: outbox.list() }));

  app.get('/dev/mail', { schema: { hide: true } }, (_request, reply) => {
    const items = outbox
      .list()
      .map(
        (mail) => `<article><h2>${escapeHtml(mail.subject)}</h2>
<p class="meta">To ${escapeHtml(mail.to)} · ${escapeHtml(mail.sentAt)}</p>
<pre>${linkify(escapeHtml(mail.text))}</pre></article>`,
      )
      .join('\n');
    void reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Airtalk dev outbox</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}
article{border:1px solid #ccc;border-radius:12px;padding:1rem;margin:1rem 0}pre{white-space:pre-wrap}
.meta{color:#555}</style></head>
<body><h1>Development outbox</h1><p>Mail the server would have sent. Not available in production.</p>
${items || '<p>No mail yet.</p>'}</body></html>`);
  });
}
