/**
 * The last line of defence of a running process. An error that escapes an adapter's handlers
 * (a bug, or an SDK throwing inside a detached promise) is logged and the process keeps
 * serving the other requests and platforms. A platform state no retry can fix (a revoked token,
 * refused intents) is the opposite case: the process exits non-zero with one line naming the
 * cause, so a supervisor sees the failure and restarts it (or pages someone).
 */
import type { Logger } from './logger.js';

/** What `installProcessGuard` needs; the process by default (tests pass their own). */
export interface GuardedProcess {
  on(event: 'uncaughtException', listener: (error: unknown) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

/** Counts of what the guard caught, for logs and metrics. */
export interface GuardCounters {
  uncaughtExceptions: number;
  unhandledRejections: number;
}

/**
 * Logs uncaught exceptions and unhandled rejections instead of letting Node end the process.
 * Returns live counters.
 */
export function installProcessGuard(logger: Logger, target: GuardedProcess = process): GuardCounters {
  const counters: GuardCounters = { uncaughtExceptions: 0, unhandledRejections: 0 };
  target.on('uncaughtException', (error) => {
    counters.uncaughtExceptions += 1;
    logger.error({ err: error, event: 'process.uncaught_exception', count: counters.uncaughtExceptions }, 'process guard: uncaught exception; still serving');
  });
  target.on('unhandledRejection', (reason) => {
    counters.unhandledRejections += 1;
    logger.error(
      { err: reason, event: 'process.unhandled_rejection', count: counters.unhandledRejections },
      'process guard: unhandled rejection; still serving',
    );
  });
  return counters;
}

/**
 * Exit code of a fatal platform state (a revoked token, refused intents): the configuration
 * error code, the same as a token refused at start-up (see `CONFIG_EXIT_CODE` in config.ts).
 */
export const FATAL_EXIT_CODE = 2;
