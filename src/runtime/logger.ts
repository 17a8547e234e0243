/** Structured logs to stderr. Tokens and secrets are redacted wherever they appear by name. */
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';

const REDACT = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'clientSecret',
  'stateSecret',
  'tokenKey',
  'authorization',
  '*.token',
  '*.clientSecret',
  '*.stateSecret',
  '*.tokenKey',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
];

/**
 * Creates the process logger: JSON lines on stderr (fd 2) with ISO 8601 timestamps, secrets
 * redacted. `pretty` (LOG_PRETTY=1) writes coloured, human-readable lines instead.
 */
export function createLogger(level: string = 'info', destination?: pino.DestinationStream, options: { pretty?: boolean } = {}): Logger {
  // Synchronous: the last lines before an exit (a failed start, a shutdown) are never lost.
  const out =
    destination ?? (options.pretty ? pretty({ destination: 2, sync: true, translateTime: 'SYS:standard' }) : pino.destination({ dest: 2, sync: true }));
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'pilcrow' }, timestamp: pino.stdTimeFunctions.isoTime }, out);
}
