/**
 * `npm run bench:store` — what shared state on Redis costs per answer, against the in-memory
 * default, in the same run. A benchmark: it measures and reports; it asserts nothing.
 *
 * Each answer takes the path a Slack mention takes through state: the event de-duplication claim,
 * the user's rate limit, then the core (conversation read and write). Memory and Redis answers
 * alternate, so both see the same machine load. Redis: REDIS_URL, default redis://127.0.0.1:6379,
 * under a unique prefix removed afterwards.
 *
 * Options (env): BENCH_ANSWERS (default 3000 of each), BENCH_THREADS (default 200).
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { Pilcrow } from '../src/core/bot/pilcrow.js';
import { UserRateLimit } from '../src/delivery/rate-limit.js';
import { memoryStores } from '../src/store/memory.js';
import { redisStores } from '../src/store/redis.js';
import { STATE_LIMITS, type StateStores } from '../src/store/index.js';

const URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const ANSWERS = Number(process.env['BENCH_ANSWERS'] ?? 3000);
const THREADS = Number(process.env['BENCH_THREADS'] ?? 200);
const WARMUP = 300;
const CONTENT = resolve(import.meta.dirname, '../content');
const QUESTIONS = [
  'What did Samsung sign with YMTC?',
  'what generation of chips is it for?',
  'more',
  'Which Swedish company failed?',
  'why does that matter?',
  "What's the weather like in Tokyo?",
];

const silent = { info: () => {}, warn: () => {}, error: () => {} };

async function path(state: StateStores) {
  const bot = await Pilcrow.fromDirectory(CONTENT, { store: state.map('conversation', STATE_LIMITS.conversations) });
  const events = state.ledger('slack:event', STATE_LIMITS.slackEvents);
  const limit = new UserRateLimit(1_000_000, { limiter: state.rateLimiter('slack:rate', { points: 1_000_000, durationSeconds: 60 }) });
  let n = 0;
  return async (): Promise<number> => {
    n += 1;
    const started = performance.now();
    if (!(await events.claim(`Ev${randomUUID()}`))) throw new Error('duplicate');
    await limit.take(`U${n % 50}`);
    await bot.handle({ conversationId: `thread-${n % THREADS}`, userId: `U${n % 50}`, command: { kind: 'text', text: QUESTIONS[n % QUESTIONS.length]! } });
    return performance.now() - started;
  };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (x: number) => `${x.toFixed(3)} ms`;

const prefix = `pilcrow-bench:${randomUUID().slice(0, 8)}:`;
const redis = await redisStores({ url: URL, prefix, logger: silent });
if (redis.degraded()) {
  console.error(`bench:store: no Redis at ${URL}; start one or set REDIS_URL.`);
  process.exit(1);
}
const memory = memoryStores();
const viaMemory = await path(memory);
const viaRedis = await path(redis);
for (let i = 0; i < WARMUP; i++) {
  await viaMemory();
  await viaRedis();
}
const m: number[] = [];
const r: number[] = [];
for (let i = 0; i < ANSWERS; i++) {
  m.push(await viaMemory());
  r.push(await viaRedis());
}
const ping: number[] = [];
const raw = new Redis(URL);
for (let i = 0; i < 1000; i++) {
  const t = performance.now();
  await raw.ping();
  ping.push(performance.now() - t);
}
raw.disconnect();

console.log(`answers: ${ANSWERS} each, alternating; ${THREADS} threads; de-dup claim + rate limit + core (conversation read/write)`);
console.log(`memory   p50 ${ms(pct(m, 50))}  p99 ${ms(pct(m, 99))}`);
console.log(`redis    p50 ${ms(pct(r, 50))}  p99 ${ms(pct(r, 99))}`);
console.log(
  `cost     p50 +${ms(pct(r, 50) - pct(m, 50))}  p99 +${ms(pct(r, 99) - pct(m, 99))} per answer (4 round trips: SET NX, rate-limit script, GETEX, bounded-set script)`,
);
console.log(`redis PING round trip p50 ${ms(pct(ping, 50))}  p99 ${ms(pct(ping, 99))}`);

// Clean up the bench's keys.
const cleaner = new Redis(URL);
let cursor = '0';
do {
  const [next, keys] = await cleaner.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
  cursor = next;
  if (keys.length) await cleaner.del(...keys);
} while (cursor !== '0');
cleaner.disconnect();
await redis.close();
