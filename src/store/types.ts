/**
 * The kinds of shared state, behind interfaces: an embedded in-memory default, and Redis when
 * `REDIS_URL` is set, so several processes (Slack instances, Discord shards) see one state.
 */
import type { RateLimiterAbstract } from 'rate-limiter-flexible';

/** A bounded, expiring map of JSON-able values. The conversation store and Share copies are ones. */
export interface KeyValueStore<V> {
  /** The value, or `undefined` when absent, expired — or unreadable because the store is down. */
  get(key: string): Promise<V | undefined>;
  /** Stores `value`; a store that is down drops it (logged and counted), never throws. */
  set(key: string, value: V): Promise<void>;
  delete(key: string): Promise<void>;
  /** Gets and deletes in one step: of several processes taking the same key, one gets the value. */
  take(key: string): Promise<V | undefined>;
}

/** Remembers ids for a while: Slack redelivers an event when it thinks an ack was lost. */
export interface EventLedger {
  /**
   * `true` for the first claim of `id` within the window, `false` for any later one — across all
   * processes sharing the store. Never throws.
   */
  claim(id: string): Promise<boolean>;
}

/** Limits of a keyed map: at most `max` keys, each kept `ttlMs` after it was written (or read, with `slide`). */
export interface MapOptions {
  max: number;
  ttlMs: number;
  /** A read restarts the key's time to live (conversations: six hours after the last use). */
  slide?: boolean;
}

/** Where the process keeps its shared state. `createStateStores` picks memory or Redis. */
export interface StateStores {
  /** `memory` (one process) or `redis` (shared). */
  readonly kind: 'memory' | 'redis';
  /** A keyed map named `name` (the name keeps kinds of state apart in a shared store). */
  map<V>(name: string, options: MapOptions): KeyValueStore<V>;
  /** An id ledger named `name`, remembering ids for `ttlMs` (and at most `max` in memory). */
  ledger(name: string, options: { max: number; ttlMs: number }): EventLedger;
  /** A rate limiter: `points` per `durationSeconds` per key, shared across processes with Redis. */
  rateLimiter(name: string, options: { points: number; durationSeconds: number }): RateLimiterAbstract;
  /** A line for `/readyz` while the shared store is unreachable; `undefined` while all is well. */
  degraded(): string | undefined;
  /** Closes connections. */
  close(): Promise<void>;
}
