/**
 * Caches bounded in bytes, not only entries: the analyzer's word cache under long unique words,
 * and discord.js's user and member caches under many distinct users.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CACHE_LIMITS, createClient } from '../../src/adapters/discord/client.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('memory bounds', () => {
  it('the analyzer word cache stays small under 30,000 distinct 1,000-character words (unbounded: ~31 MiB)', { timeout: 90_000 }, () => {
    const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'tests/fixtures/analyzer-memory.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 80_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const { grewMiB } = JSON.parse(run.stdout) as { grewMiB: number };
    expect(grewMiB).toBeLessThan(16);
  });

  it('discord.js keeps at most the configured number of users (unbounded: one entry per user ever seen)', () => {
    const client = createClient({ token: 'unused', applicationId: '100000000000000001' });
    // How discord.js caches a user it sees in an interaction or a message.
    const users = client.users as unknown as { _add(data: Record<string, unknown>): unknown };
    try {
      for (let i = 0; i < CACHE_LIMITS.users * 3; i += 1) {
        users._add({ id: String(500000000000000000n + BigInt(i)), username: `u${i}`, discriminator: '0', global_name: null, avatar: null });
      }
      expect(client.users.cache.size).toBeLessThanOrEqual(CACHE_LIMITS.users);
    } finally {
      void client.destroy();
    }
  });
});
