/**
 * `DISCORD_SHARDING=process` when restarting a shard cannot help: the real supervisor (`npm
 * start`) and a real shard process against the fake Discord, which revokes the token mid-session.
 * Apart from `shard-processes.test.ts` so each file stays well under a minute.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { APP_ID, FakeDiscord } from '../../../scripts/demo/fake-discord.js';
import { alive, npmStart, type Started } from '../../runtime/spawn.js';
import { dropPrefix, REDIS_URL, redisReachable, uniquePrefix } from '../../store/redis-env.js';

const reachable = await redisReachable();
const prefix = uniquePrefix('discord-shard-fatal');

describe.skipIf(!reachable)('DISCORD_SHARDING=process when a restart cannot help', () => {
  let fatalFake: FakeDiscord | undefined;
  let fatalRun: Started | undefined;

  afterAll(async () => {
    await fatalRun?.killAll();
    await fatalFake?.stop();
    if (reachable) await dropPrefix(prefix);
  });

  test('with DISCORD_SHARDS unset it runs the count Discord recommends, and a shard whose token is revoked stops the supervisor with exit code 2', async () => {
    fatalFake = await FakeDiscord.start();
    fatalFake.recommendedShards = 1;
    fatalRun = npmStart({
      DISCORD_TOKEN: 'fake-bot-token',
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_API_BASE: fatalFake.apiBase,
      DISCORD_SHARDING: 'process',
      REDIS_URL,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'info',
      SHUTDOWN_GRACE_MS: '1000',
    });
    await fatalRun.waitForLine((l) => l['msg'] === 'adapter started' && l['mode'] === 'process', 60_000);
    expect(fatalFake.identifies.map((i) => i.shard)).toEqual([[0, 1]]);
    const tree = fatalRun.descendants();

    // Discord closes the session with 4004: the token was revoked. The shard exits 2; restarting
    // it would only be refused again, so the supervisor stops and exits 2 as well.
    fatalFake.closeGateway(4004);
    expect(await fatalRun.exited).toBe(2);
    expect(fatalRun.lines.some((l) => l['msg'] === 'discord shards: shard exited with the configuration exit code: not restarting')).toBe(true);
    expect(fatalRun.lines.some((l) => String(l['msg']).includes('exited with code 2'))).toBe(true);
    expect(fatalFake.identifies).toHaveLength(1);
    for (let waited = 0; waited < 5_000 && tree.some(alive); waited += 50) await new Promise((r) => setTimeout(r, 50));
    for (const pid of tree) expect(alive(pid)).toBe(false);
  }, 70_000);
});
