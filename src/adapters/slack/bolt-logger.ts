/**
 * Bolt, its Web client and its Socket Mode client log through `@slack/logger`'s interface;
 * this routes them into the process's pino logger, so one log holds everything.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../runtime/logger.js';

/** Wraps a pino logger as a Bolt logger. Bolt's `setLevel` is ignored: the process log level rules. */
export function boltLogger(logger: Logger): BoltLogger {
  let child = logger.child({ component: 'slack-sdk' });
  const emit = (level: 'debug' | 'info' | 'warn' | 'error', args: unknown[]) => {
    if (!child.isLevelEnabled(level)) return;
    const err = args.find((a): a is Error => a instanceof Error);
    const msg = redactSecrets(
      args
        .filter((a) => a !== err)
        .map((a) => (typeof a === 'string' ? a : safeJson(a)))
        .join(' '),
    );
    if (err) child[level]({ err }, msg);
    else child[level](msg);
  };
  return {
    debug: (...args: unknown[]) => emit('debug', args),
    info: (...args: unknown[]) => emit('info', args),
    warn: (...args: unknown[]) => emit('warn', args),
    error: (...args: unknown[]) => emit('error', args),
    setLevel: () => {},
    getLevel: () => {
      if (child.isLevelEnabled('debug')) return LogLevel.DEBUG;
      if (child.isLevelEnabled('info')) return LogLevel.INFO;
      if (child.isLevelEnabled('warn')) return LogLevel.WARN;
      return LogLevel.ERROR;
    },
    setName: (name: string) => {
      child = logger.child({ component: name });
    },
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * The SDKs' debug lines include Socket Mode's WebSocket URL, whose `ticket` lets anyone open the
 * app's connection, may include tokens, and (OAuth installs) the body of `oauth.v2.access` with
 * the client secret and the one-time code: all are cut out of every line.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/([?&]ticket=)[^&\s"'\\]+/g, '$1[redacted]')
    .replace(/("(?:client_secret|code|refresh_token)"\s*:\s*")[^"]*/g, '$1[redacted]')
    .replace(/([?&](?:client_secret|code|refresh_token)=)[^&\s"'\\]+/g, '$1[redacted]')
    .replace(/\b(?:xox[abeoprs]|xapp)-[A-Za-z0-9-]+/g, '[redacted]');
}
