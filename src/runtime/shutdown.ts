/**
 * Graceful shutdown on SIGTERM / SIGINT: stop taking new work, let answers in flight finish
 * (bounded by the grace period), close connections, log it, exit 0. A second signal exits at once.
 */

/** What shutdown logs through (a pino logger fits). */
export interface ShutdownLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** Options of `handleSignals`. */
export interface ShutdownOptions {
  /** How long answers in flight may take to finish (`SHUTDOWN_GRACE_MS`). */
  graceMs: number;
  logger: ShutdownLogger;
  /** Called first, synchronously: mark the process unready so no new work is routed here. */
  drain(): void;
  /** Stops the adapters, each waiting up to `graceMs` for its answers in flight. */
  stopWork(graceMs: number): Promise<void>;
  /** Closes what is left: HTTP server, Redis. */
  close(): Promise<void>;
  /** Default `process.exit`. */
  exit?: (code: number) => void;
  /** Default the real process. */
  process?: Pick<NodeJS.Process, 'on' | 'off'>;
}

/**
 * A terminal's Ctrl-C reaches the program twice under `npm start`: from the terminal (to the whole
 * process group) and forwarded by npm. Signals this close together count as one.
 */
const SAME_SIGNAL_MS = 500;
/** After the grace period, closing connections may take this much longer before exit is forced. */
const CLOSE_MS = 5_000;

/** Installs the signal handlers; returns `shutdown`, for other reasons to stop (the terminal chat's `exit`). */
export function handleSignals(options: ShutdownOptions): { shutdown(reason: string, code?: number): Promise<void> } {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const proc = options.process ?? process;
  const { logger } = options;
  let startedAt: number | undefined;
  let done: Promise<void> | undefined;

  const shutdown = (reason: string, code = 0): Promise<void> => {
    if (done) return done;
    startedAt = performance.now();
    logger.info({ reason, graceMs: options.graceMs }, 'shutting down: finishing answers in flight');
    options.drain();
    // Should closing hang (a socket that never closes), exit anyway; the log says why.
    const watchdog = setTimeout(() => {
      logger.error({ reason, afterMs: options.graceMs + CLOSE_MS }, 'shutdown did not finish in time: exiting');
      exit(1);
    }, options.graceMs + CLOSE_MS);
    watchdog.unref();
    done = (async () => {
      await options.stopWork(options.graceMs).catch((error: unknown) => logger.warn({ err: error }, 'shutdown: stopping the adapters failed'));
      await options.close().catch((error: unknown) => logger.warn({ err: error }, 'shutdown: closing connections failed'));
      clearTimeout(watchdog);
      logger.info({ reason, ms: Math.round(performance.now() - startedAt!) }, 'stopped');
      exit(code);
    })();
    return done;
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (startedAt === undefined) {
      void shutdown(signal);
      return;
    }
    if (performance.now() - startedAt < SAME_SIGNAL_MS) return;
    logger.warn({ signal }, 'second signal: exiting now without waiting');
    exit(signal === 'SIGINT' ? 130 : 143);
  };
  proc.on('SIGTERM', onSignal);
  proc.on('SIGINT', onSignal);
  return { shutdown };
}
