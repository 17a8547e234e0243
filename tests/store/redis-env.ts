/**
 * The Redis server tests use: 127.0.0.1:6379 (TEST_REDIS_URL to change). Other sessions share it,
 * so every test run gets its own key prefix and removes its keys afterwards. Without a server,
 * Redis tests skip with a printed reason — except in CI (CI=true), where they fail instead.
 */
import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Redis } from 'ioredis';

export const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** A prefix no other run uses. */
export function uniquePrefix(what: string): string {
  return `pilcrow-test:${what}:${process.pid}:${randomUUID().slice(0, 8)}:`;
}

/** Whether the test Redis answers PING; in CI a missing server is an error, not a skip. */
export async function redisReachable(): Promise<boolean> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    if (process.env['CI'] === 'true') throw new Error(`Redis tests: no Redis answers at ${REDIS_URL}, and CI must run them (.ci/run starts one).`);
    console.warn(`Redis tests skipped: no Redis answers at ${REDIS_URL} (start one, or set TEST_REDIS_URL).`);
    return false;
  } finally {
    client.disconnect();
  }
}

/** Deletes every key under `prefix`. */
export async function dropPrefix(prefix: string): Promise<void> {
  const client = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await client.del(...keys);
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}

/** The `redis-server` binary, where installed (for the outage test, which runs its own server). */
export function redisServerBinary(): string | undefined {
  return ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));
}

/** A throw-away Redis server on `port` (no persistence), resolved once it accepts connections. */
export async function startRedisServer(binary: string, port: number): Promise<ChildProcess> {
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      return child;
    } catch {
      probe.disconnect();
      if (Date.now() > deadline) throw new Error(`redis-server did not start on port ${port}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
