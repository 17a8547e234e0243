/** Structured logs to stderr. Tokens and secrets are redacted wherever they appear by name. */
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

const REDACT = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'authorization',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
];

/** Creates the process logger: JSON lines on stderr (fd 2), secrets redacted. */
export function createLogger(level: string = 'info', destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'pilcrow' } }, destination);
}
