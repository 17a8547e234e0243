/**
 * `npx tsx bench/discord.bench.ts`: how many answers per second the Discord adapter sustains, the
 * real discord.js client against the fake Discord on 127.0.0.1, with the real core on the bundled
 * article. A benchmark, not a test: it prints, it asserts nothing.
 *
 * 1. Baseline: the core alone (`handle` on the development questions), answers per second.
 * 2. `/ask` interactions, N in flight: answers per second (callbacks received), and the
 *    acknowledgement time (fake dispatch → callback at the fake) p50 / p99 / max.
 * 3. Mentions in a channel and a thread, N in flight: replies per second. Replies are
 *    authenticated REST calls, so discord.js holds them to Discord's global limit of 50 requests
 *    per second (`rest.globalRequestsPerSecond`); interaction callbacks are not authenticated and
 *    not held to it. Expect this figure near 50: it measures the client's limiter, not Pilcrow.
 *
 * Options: `--n 2000 --inflight 50`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { createDiscordAdapter } from '../src/adapters/discord/index.js';
import { Pilcrow } from '../src/core/pilcrow.js';
import { APP_ID, BOT_ID, CHANNEL_ID, FakeDiscord, THREAD_ID, type RecordedRequest } from '../tests/discord/fake-discord.js';
import { messagePayload, newUserId, opt, slashCommand, type Place } from '../tests/discord/fixtures.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { n: { type: 'string', default: '2000' }, inflight: { type: 'string', default: '50' } } });
const N = Number(values.n);
const IN_FLIGHT = Number(values.inflight);

const questions = readFileSync(`${ROOT}eval/article-dev.jsonl`, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { question: string }).question);

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const f1 = (n: number) => n.toFixed(1);

/** Runs `total` jobs with at most `inFlight` pending; `start(i)` returns when job i is done. */
async function pool(total: number, inFlight: number, start: (i: number) => Promise<void>): Promise<number> {
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < total) await start(next++);
    }),
  );
  return performance.now() - t0;
}

async function main(): Promise<void> {
  // 'error': discord.js's own global REST limit (50 requests/s, as Discord enforces) logs a warning per wait.
  const logger = pino({ level: 'error' });
  const core = await Pilcrow.fromDirectory(`${ROOT}content`, { logger });

  // 1. The core alone.
  const coreMs = await pool(N, 1, async (i) => {
    await core.handle({ conversationId: `bench-${i}`, userId: 'u', command: { kind: 'ask', question: questions[i % questions.length]! } });
  });
  console.log(`core alone:         ${f1((N / coreMs) * 1000)} answers/s (${N} questions, one at a time)`);

  const fake = await FakeDiscord.start();
  const adapter = createDiscordAdapter({
    config: { token: 'bench-token', applicationId: APP_ID, apiBase: fake.apiBase },
    bot: core,
    logger,
    rateLimitPerMinute: 10_000,
    clientOptions: { waitGuildTimeout: 100 },
  });
  await adapter.start();
  const pending = new Map<string, () => void>();
  fake.onRecord = (r: RecordedRequest) => {
    const key = r.route.startsWith('/interactions/') ? r.route.split('/')[2]! : ((r.body as { message_reference?: { message_id: string } })?.message_reference?.message_id ?? '');
    pending.get(key)?.();
  };
  const waitFor = (key: string) => new Promise<void>((resolve) => pending.set(key, resolve));

  try {
    // Warm-up: JIT, connection pool.
    await pool(100, 10, async (i) => {
      const interaction = slashCommand('ask', [opt.string('question', questions[i % questions.length]!)], newUserId());
      const done = waitFor(interaction.id);
      fake.dispatch('INTERACTION_CREATE', interaction);
      await done;
    });

    // 2. Slash commands.
    const acks: number[] = [];
    const askMs = await pool(N, IN_FLIGHT, async (i) => {
      const interaction = slashCommand('ask', [opt.string('question', questions[i % questions.length]!)], newUserId());
      const done = waitFor(interaction.id);
      fake.dispatch('INTERACTION_CREATE', interaction);
      await done;
      acks.push(performance.now() - fake.dispatchedAt.get(interaction.id)!);
      pending.delete(interaction.id);
    });
    console.log(
      `/ask interactions:  ${f1((N / askMs) * 1000)} answers/s (${N}, ${IN_FLIGHT} in flight); ` +
        `ack p50 ${f1(quantile(acks, 0.5))} ms, p99 ${f1(quantile(acks, 0.99))} ms, max ${f1(quantile(acks, 1))} ms`,
    );

    // 3. Mentions, alternating between the channel and the thread.
    const replyMs: number[] = [];
    const mentionMs = await pool(N, IN_FLIGHT, async (i) => {
      const place: Place = i % 2 === 0 ? 'channel' : 'thread';
      const message = messagePayload({
        content: `<@${BOT_ID}> ${questions[i % questions.length]!}`,
        authorId: newUserId(),
        place,
        mentionsBot: true,
      });
      const done = waitFor(message.id as string);
      const t0 = performance.now();
      fake.dispatch('MESSAGE_CREATE', message);
      await done;
      replyMs.push(performance.now() - t0);
      pending.delete(message.id as string);
    });
    console.log(
      `mentions:           ${f1((N / mentionMs) * 1000)} replies/s (${N}, ${IN_FLIGHT} in flight, channels ${CHANNEL_ID.slice(-1)} and ${THREAD_ID.slice(-1)}); ` +
        `reply p50 ${f1(quantile(replyMs, 0.5))} ms, p99 ${f1(quantile(replyMs, 0.99))} ms`,
    );
  } finally {
    await adapter.stop();
    await fake.stop();
  }
}

await main();
