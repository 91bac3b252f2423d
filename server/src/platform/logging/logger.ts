/**
 * Structured logs through pino. Secrets are cut out at the logger itself, so no call site can
 * leak a password, token or cookie by logging an object it did not look into.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

/** Paths pino censors wherever they appear in a log object. */
export const redactedPaths = [
  'password',
  'currentPassword',
  'newPassword',
  'token',
  'cookie',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.cookie',
  '*.headers.cookie',
  '*.headers.authorization',
  '*.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  'headers["set-cookie"]',
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'body.password',
  'body.currentPassword',
  'body.newPassword',
  'body.token',
];

/**
 * Logs go to stdout through a buffered asynchronous writer: one write call per few kilobytes
 * instead of one per line. `flushLogs` is called on shutdown so nothing is lost.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: redactedPaths, censor: '[redacted]' },
      base: { service: 'airtalk' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination ?? pino.destination({ dest: 1, sync: false, minLength: 4096 }),
  );
}

export type { Logger };
