/** The contract every platform adapter fulfils. `src/main.ts` starts the configured ones. */
export interface Adapter {
  /** A short name for logs: `console`, `discord`, `slack`. */
  readonly name: string;
  /** Connects and begins serving. Resolves once ready. */
  start(): Promise<void>;
  /** Disconnects and releases every resource (sockets, timers). */
  stop(): Promise<void>;
}
