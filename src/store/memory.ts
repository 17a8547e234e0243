/** The embedded default: state in this process's memory, bounded and expiring like the shared one. */
import { LRUCache } from 'lru-cache';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { EventLedger, KeyValueStore, MapOptions, StateStores } from './types.js';

/** A bounded, expiring map in memory (an LRU with a time to live). */
export class MemoryMap<V> implements KeyValueStore<V> {
  private readonly cache: LRUCache<string, { v: V }>;

  constructor(options: MapOptions) {
    this.cache = new LRUCache({ max: options.max, ttl: options.ttlMs, updateAgeOnGet: options.slide === true });
  }

  async get(key: string): Promise<V | undefined> {
    return this.cache.get(key)?.v;
  }

  async set(key: string, value: V): Promise<void> {
    this.cache.set(key, { v: value });
  }

  async delete(key: string): Promise<void> {
    this.cache.delete(key);
  }

  async take(key: string): Promise<V | undefined> {
    const value = this.cache.get(key)?.v;
    this.cache.delete(key);
    return value;
  }
}

/** An id ledger in memory. */
export class MemoryLedger implements EventLedger {
  private readonly seen: LRUCache<string, true>;

  constructor(options: { max: number; ttlMs: number }) {
    this.seen = new LRUCache({ max: options.max, ttl: options.ttlMs });
  }

  async claim(id: string): Promise<boolean> {
    return this.claimNow(id);
  }

  /** The same, synchronously (the Redis ledger's fallback uses it). */
  claimNow(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.set(id, true);
    return true;
  }
}

/** All state in this process. */
export function memoryStores(): StateStores {
  return {
    kind: 'memory',
    map: <V>(_name: string, options: MapOptions) => new MemoryMap<V>(options),
    ledger: (_name, options) => new MemoryLedger(options),
    rateLimiter: (_name, { points, durationSeconds }) => new RateLimiterMemory({ points, duration: durationSeconds }),
    degraded: () => undefined,
    close: async () => {},
  };
}
