/**
 * `DISCORD_SHARDING=process` end to end: `npm start` as a real process becomes the supervisor,
 * discord.js's real ShardingManager starts one real child process per shard, and each child — the
 * real bot with the real discord.js client — connects to the fake Discord on 127.0.0.1, sharing
 * state through the test Redis. The tests follow one supervisor's life: start, answers on each
 * shard, a shard killed and restarted, SIGTERM.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { APP_ID, BOT_ID, FakeDiscord, THREAD_ID } from '../../../scripts/demo/fake-discord.js';
import { messagePayload, newUserId, opt, slashCommand } from '../../../scripts/demo/discord-payloads.js';
import { alive, freePort, npmStart, portIsFree, type Started } from '../../runtime/spawn.js';
import { dropPrefix, REDIS_URL, redisReachable, uniquePrefix } from '../../store/redis-env.js';
import { isCallback, isChannelMessage, plain, type CallbackBody, type MessageBody } from './harness.js';

const reachable = await redisReachable();
const prefix = uniquePrefix('discord-shard-processes');

/** A server Discord sends to shard 1 of 2: (id >> 22) % 2 === 1. The fake's own guild is on shard 0. */
const GUILD_ON_SHARD_1 = '200000000004194305';

interface ShardHealth {
  id: number;
  state: string;
  pid?: number;
  restarts: number;
  lastExit?: { code: number | null; signal: string | null };
}

let fake: FakeDiscord;
let run: Started;
let healthPort: number;

const health = async () =>
  (await (await fetch(`http://127.0.0.1:${healthPort}/healthz`)).json()) as { status: string; shardCount: number; shards: ShardHealth[] };

/** Polls `/healthz` until `match` holds (every 100 ms, up to `ms`). */
async function healthUntil(match: (shards: ShardHealth[]) => boolean, ms = 30_000): Promise<ShardHealth[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const { shards } = await health();
    if (match(shards)) return shards;
    if (Date.now() > deadline) throw new Error(`/healthz never matched; last: ${JSON.stringify(shards)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A mention in the fake's thread, dispatched on shard 0 (its guild's shard); the reply. */
async function mentionOnShard0(question: string): Promise<MessageBody> {
  const message = messagePayload({ content: `<@${BOT_ID}> ${question}`, authorId: newUserId(), place: 'thread', mentionsBot: true });
  fake.dispatch('MESSAGE_CREATE', message, 0);
  const reply = await fake.waitForRequest(
    isChannelMessage(THREAD_ID, (b) => b.message_reference?.message_id === message.id),
    10_000,
  );
  return reply.body as MessageBody;
}

/** `/ask` in a server on shard 1, dispatched on shard 1; the interaction's answer. */
async function askOnShard1(question: string): Promise<CallbackBody> {
  const base = slashCommand('ask', [opt.string('question', question)], newUserId());
  const interaction = {
    ...base,
    guild_id: GUILD_ON_SHARD_1,
    guild: { id: GUILD_ON_SHARD_1, features: [], locale: 'en-US' },
    authorizing_integration_owners: { '0': GUILD_ON_SHARD_1 },
    channel: { ...base.channel, guild_id: GUILD_ON_SHARD_1 },
  };
  fake.dispatch('INTERACTION_CREATE', interaction, 1);
  const callback = await fake.waitForRequest(isCallback(interaction.id), 10_000);
  return callback.body as CallbackBody;
}

describe.skipIf(!reachable)('DISCORD_SHARDING=process: a supervisor and one process per shard', () => {
  beforeAll(async () => {
    fake = await FakeDiscord.start();
    healthPort = await freePort();
    run = npmStart({
      DISCORD_TOKEN: 'fake-bot-token',
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_API_BASE: fake.apiBase,
      DISCORD_SHARDS: '2',
      DISCORD_SHARDING: 'process',
      REDIS_URL,
      REDIS_PREFIX: prefix,
      HEALTH_PORT: String(healthPort),
      LOG_LEVEL: 'info',
      SHUTDOWN_GRACE_MS: '3000',
    });
    await run.waitForLine((l) => l['msg'] === 'adapter started' && l['mode'] === 'process', 60_000);
  }, 70_000);

  afterAll(async () => {
    await run?.killAll();
    await fake?.stop();
    if (reachable) await dropPrefix(prefix);
  });

  test('each shard process identifies with its own shard id, and /healthz and /readyz report each shard', async () => {
    expect(fake.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const { status, shardCount, shards } = await health();
    expect(status).toBe('ok');
    expect(shardCount).toBe(2);
    expect(shards.map((s) => [s.id, s.state, s.restarts])).toEqual([
      [0, 'ready', 0],
      [1, 'ready', 0],
    ]);
    // Two separate processes under the supervisor.
    const pids = shards.map((s) => s.pid!);
    expect(new Set(pids).size).toBe(2);
    for (const pid of pids) expect(run.descendants()).toContain(pid);

    const ready = await fetch(`http://127.0.0.1:${healthPort}/readyz`);
    expect(ready.status).toBe(200);
    const report = (await ready.json()) as { shards: Record<string, { ready: boolean; checks: Record<string, unknown> }> };
    for (const id of ['0', '1']) expect(report.shards[id]).toMatchObject({ ready: true, checks: { library: true, discord: true } });
    // Every line of a shard's log says which shard it is.
    expect(run.lines.some((l) => l['shard'] === 1 && l['msg'] === 'discord: connected')).toBe(true);
  });

  test('a mention on shard 0 and a slash command in a server on shard 1 are answered, and /metrics counts each shard', async () => {
    const inThread = await mentionOnShard0('What did Samsung sign with YMTC?');
    expect(plain(inThread.embeds?.[0]?.description)).toContain('patent licensing agreement');
    const slash = await askOnShard1('Which Swedish company failed?');
    expect(slash.type).toBe(4);
    expect(plain(slash.data?.embeds?.[0]?.description)).toContain('Northvolt');

    const metrics = await (await fetch(`http://127.0.0.1:${healthPort}/metrics`)).text();
    expect(metrics).toMatch(/pilcrow_answers_total\{platform="discord",status="answered",shard="0"\} 1/);
    expect(metrics).toMatch(/pilcrow_answers_total\{platform="discord",status="answered",shard="1"\} 1/);
    expect(metrics).toMatch(/pilcrow_shard_up\{shard="1"\} 1/);
    expect(metrics).toMatch(/pilcrow_redis_up\{shard="0"\} 1/);
    // One HELP line per metric: the shards' metrics are merged, not pasted one after another.
    expect(metrics.match(/^# HELP pilcrow_answers_total /gm)).toHaveLength(1);
  });

  test('a shard process that dies is restarted by the supervisor, identifies again and answers', async () => {
    const before = (await health()).shards.find((s) => s.id === 1)!;
    const identified = fake.identifies.length;
    process.kill(before.pid!, 'SIGKILL');

    const after = (await healthUntil((shards) => shards[1]!.state === 'ready' && shards[1]!.restarts === 1)).find((s) => s.id === 1)!;
    expect(after.pid).not.toBe(before.pid);
    expect(alive(before.pid!)).toBe(false);
    expect(after.lastExit).toMatchObject({ code: null, signal: 'SIGKILL' });
    expect(fake.identifies.slice(identified).map((i) => i.shard)).toEqual([[1, 2]]);
    // Shard 0 was left alone.
    expect((await health()).shards[0]).toMatchObject({ state: 'ready', restarts: 0 });

    const slash = await askOnShard1('Which Swedish company failed?');
    expect(plain(slash.data?.embeds?.[0]?.description)).toContain('Northvolt');
    const metrics = await (await fetch(`http://127.0.0.1:${healthPort}/metrics`)).text();
    expect(metrics).toMatch(/pilcrow_shard_restarts_total\{shard="1"\} 1/);
    expect(metrics).toMatch(/pilcrow_shard_restarts_total\{shard="0"\} 0/);
  });

  test('SIGTERM stops every shard process, frees HEALTH_PORT and exits 0', async () => {
    const tree = run.descendants();
    expect(tree.length).toBeGreaterThanOrEqual(3);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    for (let waited = 0; waited < 5_000 && tree.some(alive); waited += 50) await new Promise((r) => setTimeout(r, 50));
    for (const pid of tree) expect(alive(pid)).toBe(false);
    expect(await portIsFree(healthPort)).toBe(true);
    expect(run.lines.filter((l) => l['msg'] === 'discord shards: shard stopped')).toHaveLength(2);
  });
});
