/**
 * Discord sharding with the real discord.js client against the fake gateway: `DISCORD_SHARDS`
 * (a count or `auto`) opens one gateway session per shard in the process, each answering the
 * events it receives; and two shards in separate processes (here: two clients, each with its own
 * core and Redis connection) share a thread's context through Redis.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { createDiscordAdapter } from '../../../src/adapters/discord/index.js';
import type { Adapter } from '../../../src/adapters/adapter.js';
import { Pilcrow } from '../../../src/core/bot/pilcrow.js';
import { redisStores } from '../../../src/store/redis.js';
import { STATE_LIMITS, type StateStores } from '../../../src/store/index.js';
import { dropPrefix, REDIS_URL, redisReachable, uniquePrefix } from '../../store/redis-env.js';
import { BOT_ID, DM_CHANNEL_ID, FakeDiscord, THREAD_ID } from '../../../scripts/demo/fake-discord.js';
import { messagePayload, newUserId, opt, slashCommand, type Place } from '../../../scripts/demo/discord-payloads.js';
import { CONTENT_DIR, isCallback, isChannelMessage, LogCapture, plain, type MessageBody } from './harness.js';
import type { ClientOptions } from 'discord.js';

const reachable = await redisReachable();
const prefix = uniquePrefix('discord-shards');
const running: Array<{ stop(): Promise<void> }> = [];

afterEach(async () => {
  while (running.length > 0) await running.pop()!.stop();
  if (reachable) await dropPrefix(prefix);
});

async function startFake(recommendedShards = 1): Promise<FakeDiscord> {
  const fake = await FakeDiscord.start();
  fake.recommendedShards = recommendedShards;
  running.push(fake);
  return fake;
}

async function startBot(fake: FakeDiscord, clientOptions: Partial<ClientOptions>, state?: StateStores): Promise<Adapter> {
  const logs = new LogCapture();
  const bot = await Pilcrow.fromDirectory(CONTENT_DIR, state ? { store: state.map('conversation', STATE_LIMITS.conversations) } : {});
  const adapter = createDiscordAdapter({
    config: { token: 'fake-bot-token', applicationId: '100000000000000001', apiBase: fake.apiBase },
    bot,
    logger: logs.logger,
    rateLimitPerMinute: 100,
    clientOptions: { waitGuildTimeout: 200, ...clientOptions },
    ...(state ? { state } : {}),
  });
  await adapter.start();
  // Stopped before the fake (registered after it, popped first).
  running.push({ stop: () => adapter.stop(100) });
  return adapter;
}

/** Dispatches a message on `shard` and returns the bot's reply to it. */
async function ask(fake: FakeDiscord, shard: number, content: string, authorId: string, place: Place) {
  const channel = place === 'thread' ? THREAD_ID : DM_CHANNEL_ID;
  const message = messagePayload({ content: place === 'dm' ? content : `<@${BOT_ID}> ${content}`, authorId, place, mentionsBot: place !== 'dm' });
  fake.dispatch('MESSAGE_CREATE', message, shard);
  const reply = await fake.waitForRequest(isChannelMessage(channel, (b) => b.message_reference?.message_id === message.id));
  return reply.body as MessageBody;
}

describe('Discord shards', () => {
  test('DISCORD_SHARDS=2 opens two gateway sessions in one process, and each shard answers its events', async () => {
    const fake = await startFake();
    await startBot(fake, { shards: [0, 1], shardCount: 2 });
    expect(fake.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    // The guild lives on shard 0 ((guild_id >> 22) % 2); DMs arrive on shard 0 too, but any shard's
    // events are answered: a DM dispatched on shard 1 as well.
    const inThread = await ask(fake, 0, 'What did Samsung sign with YMTC?', newUserId(), 'thread');
    expect(plain(inThread.embeds?.[0]?.description)).toContain('patent licensing agreement');
    const dm = await ask(fake, 1, 'Which Swedish company failed?', newUserId(), 'dm');
    expect(plain(dm.embeds?.[0]?.description)).toContain('Northvolt');
  });

  test('DISCORD_SHARDS=auto uses the shard count Discord recommends', async () => {
    const fake = await startFake(3);
    await startBot(fake, { shards: 'auto' });
    expect(fake.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
  });

  test.skipIf(!reachable)('two processes holding the same shard (a rolling deploy) answer each event once with Redis', async () => {
    const fake = await startFake();
    const states = await Promise.all([0, 1].map(() => redisStores({ url: REDIS_URL, prefix, logger: new LogCapture().logger })));
    for (const s of states) running.push({ stop: () => s.close() });
    await startBot(fake, {}, states[0]);
    await startBot(fake, {}, states[1]);
    expect(fake.identifies).toHaveLength(2);

    const user = newUserId();
    const message = messagePayload({ content: `<@${BOT_ID}> What did Samsung sign with YMTC?`, authorId: user, place: 'thread', mentionsBot: true });
    fake.broadcast('MESSAGE_CREATE', message);
    const interaction = slashCommand('ask', [opt.string('question', 'Which Swedish company failed?')], newUserId());
    fake.broadcast('INTERACTION_CREATE', interaction);
    await fake.waitForRequest(isChannelMessage(THREAD_ID, (b) => b.message_reference?.message_id === message.id));
    await fake.waitForRequest(isCallback(interaction.id));
    // A later message on one connection is answered after both: by then any duplicate would have been sent.
    const probe = await ask(fake, 0, 'What is FEB?', user, 'thread');
    expect(plain(probe.embeds?.[0]?.description)).toContain('Far East Battery');
    expect(fake.find(isChannelMessage(THREAD_ID, (b) => b.message_reference?.message_id === message.id))).toHaveLength(1);
    expect(fake.find(isCallback(interaction.id))).toHaveLength(1);
  });

  test.skipIf(!reachable)('after a re-shard, the process now holding a thread continues it from Redis', async () => {
    // A new shard count moves guilds between shards (and processes): the thread's next message
    // reaches a process that never saw it. Here shard 0 of 2 answers, is stopped, and the guild
    // comes back on shard 0 of 1 in another process with its own core — and its own memory.
    const fake = await startFake();
    const [before, after] = await Promise.all([0, 1].map(() => redisStores({ url: REDIS_URL, prefix, logger: new LogCapture().logger })));
    for (const s of [before!, after!]) running.push({ stop: () => s.close() });
    const old = await startBot(fake, { shards: [0], shardCount: 2 }, before);
    const user = newUserId();
    const first = await ask(fake, 0, 'What did Samsung sign with YMTC?', user, 'thread');
    await old.stop(100);

    await startBot(fake, { shards: [0], shardCount: 1 }, after);
    expect(fake.identifies.map((i) => i.shard)).toEqual([
      [0, 2],
      [0, 1],
    ]);
    const more = await ask(fake, 0, 'more', user, 'thread');
    const firstText = plain(first.embeds?.[0]?.description);
    const moreText = plain(more.embeds?.[0]?.description);
    // "more" is only answerable with the thread's last question: new excerpts, not a refusal.
    expect(moreText).toMatch(/¶\d/);
    expect(moreText).not.toEqual(firstText);
  });
});
