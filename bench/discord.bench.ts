/**
 * `npx tsx bench/discord.bench.ts` — load on the Discord adapter: the real discord.js client and
 * the real core (bundled article) against the fake Discord on 127.0.0.1. A benchmark: it measures
 * and reports; it asserts nothing.
 *
 * Two processes, so the fake's work is not counted against the adapter:
 *   this one   the fake Discord (REST + gateway) and the load: it dispatches gateway events,
 *              keeps a fixed number in flight, and times each from dispatch to the bot's REST call
 *              on one clock;
 *   app        the Discord adapter; it reports its event-loop delay and CPU time.
 *
 * Phases, each after a warm-up:
 *   /ask       INTERACTION_CREATE → interaction callback: answers/s and acknowledgement time.
 *   mentions   MESSAGE_CREATE in a channel and a thread → reply: replies/s and latency. Replies are
 *              authenticated REST calls, so discord.js holds them to Discord's global limit of
 *              50 requests/s (`rest.globalRequestsPerSecond`); this figure measures that limiter,
 *              not Pilcrow. Interaction callbacks are unauthenticated and not held to it.
 *
 * Options (env): BENCH_REQUESTS (default 2000), BENCH_IN_FLIGHT (default 50).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { createDiscordAdapter } from '../src/adapters/discord/index.js';
import { Pilcrow } from '../src/core/bot/pilcrow.js';
import { APP_ID, BOT_ID, FakeDiscord, type RecordedRequest } from '../scripts/demo/fake-discord.js';
import { messagePayload, newUserId, opt, slashCommand, type Place } from '../scripts/demo/discord-payloads.js';

const SELF = fileURLToPath(import.meta.url);
const ROOT = resolve(import.meta.dirname, '..');
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 50);
const WARMUP = 200;

type AppMessage = { kind: 'ready' } | { kind: 'stats'; loopDelay: { p50: number; p99: number; max: number }; cpuMs: number; coreAnswersPerSecond: number };
type LoadMessage = { kind: 'stats?' } | { kind: 'stop' };

const questions = readFileSync(resolve(ROOT, 'eval/article-dev.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { question: string }).question);

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const f1 = (n: number) => n.toFixed(1);

if (process.argv[2] === '--app') await runApp(process.argv[3]!);
else await runLoad();

/** The adapter process: the core alone first (a baseline), then the adapter against the fake. */
async function runApp(apiBase: string): Promise<void> {
  const logger = pino({ level: 'error' });
  const core = await Pilcrow.fromDirectory(resolve(ROOT, 'content'), { logger });
  const t0 = performance.now();
  for (let i = 0; i < REQUESTS; i++) {
    await core.handle({ conversationId: `bench-${i}`, userId: 'u', command: { kind: 'ask', question: questions[i % questions.length]! } });
  }
  const coreAnswersPerSecond = (REQUESTS / (performance.now() - t0)) * 1000;

  const adapter = createDiscordAdapter({
    config: { token: 'bench-token', applicationId: APP_ID, apiBase },
    bot: core,
    logger,
    rateLimitPerMinute: 10_000,
    clientOptions: { waitGuildTimeout: 100 },
  });
  await adapter.start();
  let loop = monitorEventLoopDelay({ resolution: 1 });
  let cpu = process.cpuUsage();
  loop.enable();
  process.on('message', (m: LoadMessage) => {
    if (m.kind === 'stats?') {
      loop.disable();
      const used = process.cpuUsage(cpu);
      const ms = (ns: number) => ns / 1e6;
      process.send!({
        kind: 'stats',
        loopDelay: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
        cpuMs: (used.user + used.system) / 1000,
        coreAnswersPerSecond,
      } satisfies AppMessage);
      loop = monitorEventLoopDelay({ resolution: 1 });
      loop.enable();
      cpu = process.cpuUsage();
    } else if (m.kind === 'stop') {
      loop.disable();
      void adapter.stop().then(() => process.exit(0));
    }
  });
  process.send!({ kind: 'ready' } satisfies AppMessage);
}

/** This process: the fake Discord and the load. */
async function runLoad(): Promise<void> {
  const fake = await FakeDiscord.start();
  const app: ChildProcess = fork(SELF, ['--app', fake.apiBase], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const next = <K extends AppMessage['kind']>(kind: K) =>
    new Promise<Extract<AppMessage, { kind: K }>>((done) => {
      const on = (m: AppMessage) => {
        if (m.kind !== kind) return;
        app.off('message', on);
        done(m as Extract<AppMessage, { kind: K }>);
      };
      app.on('message', on);
    });
  await next('ready');

  // Each dispatched event waits for the bot's REST call that answers it.
  const waiting = new Map<string, () => void>();
  fake.onRecord = (r: RecordedRequest) => {
    const key = r.route.startsWith('/interactions/')
      ? r.route.split('/')[2]!
      : ((r.body as { message_reference?: { message_id: string } } | undefined)?.message_reference?.message_id ?? '');
    waiting.get(key)?.();
    waiting.delete(key);
  };
  const send = (t: string, d: { id: string }) =>
    new Promise<number>((done) => {
      const t0 = performance.now();
      waiting.set(d.id, () => done(performance.now() - t0));
      fake.dispatch(t, d);
    });
  /** Runs `total` events with `inFlight` pending at a time; returns the latencies and elapsed ms. */
  const run = async (total: number, inFlight: number, make: (i: number) => [string, { id: string }]) => {
    const latencies: number[] = [];
    let i = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (i < total) latencies.push(await send(...make(i++)));
      }),
    );
    return { latencies, ms: performance.now() - t0 };
  };
  const ask = (i: number): [string, { id: string }] => [
    'INTERACTION_CREATE',
    slashCommand('ask', [opt.string('question', questions[i % questions.length]!)], newUserId()),
  ];
  const mention = (i: number): [string, { id: string }] => {
    const place: Place = i % 2 === 0 ? 'channel' : 'thread';
    const content = `<@${BOT_ID}> ${questions[i % questions.length]!}`;
    return ['MESSAGE_CREATE', messagePayload({ content, authorId: newUserId(), place, mentionsBot: true }) as { id: string }];
  };
  const stats = async () => {
    app.send({ kind: 'stats?' } satisfies LoadMessage);
    return next('stats');
  };

  try {
    await run(WARMUP, 10, ask);
    const baseline = await stats();
    console.log(`core alone (app process):  ${f1(baseline.coreAnswersPerSecond)} answers/s, one at a time`);

    const asks = await run(REQUESTS, IN_FLIGHT, ask);
    const askStats = await stats();
    console.log(
      `/ask:      ${f1((REQUESTS / asks.ms) * 1000)} answers/s (${REQUESTS}, ${IN_FLIGHT} in flight); ` +
        `ack p50 ${f1(quantile(asks.latencies, 0.5))} ms, p99 ${f1(quantile(asks.latencies, 0.99))} ms, max ${f1(quantile(asks.latencies, 1))} ms; ` +
        `app event-loop delay p99 ${f1(askStats.loopDelay.p99)} ms, CPU ${f1(askStats.cpuMs / REQUESTS)} ms per answer`,
    );

    const one = await run(Math.min(REQUESTS, 500), 1, ask);
    await stats();
    console.log(`/ask:      one at a time: ack p50 ${f1(quantile(one.latencies, 0.5))} ms, p99 ${f1(quantile(one.latencies, 0.99))} ms`);

    // Fewer: at 50 replies/s (the limiter), more would only lengthen the run.
    const mentionCount = Math.min(REQUESTS, 500);
    const mentions = await run(mentionCount, IN_FLIGHT, mention);
    const mentionStats = await stats();
    console.log(
      `mentions:  ${f1((mentionCount / mentions.ms) * 1000)} replies/s (${mentionCount}, ${IN_FLIGHT} in flight, channel and thread); ` +
        `reply p50 ${f1(quantile(mentions.latencies, 0.5))} ms, p99 ${f1(quantile(mentions.latencies, 0.99))} ms (held to 50 REST requests/s by discord.js); ` +
        `app CPU ${f1(mentionStats.cpuMs / mentionCount)} ms per reply`,
    );
  } finally {
    app.send({ kind: 'stop' } satisfies LoadMessage);
    await new Promise((done) => app.once('exit', done));
    await fake.stop();
  }
}
