/** The contract every platform adapter fulfils. `src/main.ts` starts the configured ones. */
export interface Adapter {
  /** A short name for logs: `console`, `discord`, `slack`. */
  readonly name: string;
  /** Connects and begins serving. Resolves once ready. */
  start(): Promise<void>;
  /**
   * Stops taking new work, waits up to `graceMs` for answers in flight (the adapter's own default
   * when omitted), then disconnects and releases every resource (sockets, timers).
   */
  stop(graceMs?: number): Promise<void>;
  /** Whether the platform connection is up right now (for `/readyz`); absent means always. */
  connected?(): boolean;
}
