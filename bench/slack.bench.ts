/**
 * `npm run bench:slack` — load on the Slack adapter in HTTP mode. A benchmark: it measures and
 * reports; it asserts nothing.
 *
 * Three processes:
 *   this one   the fake Slack Web API on 127.0.0.1 (counts the replies delivered);
 *   app        the real adapter (real Bolt app, real core, bundled article), HTTP mode;
 *   load       autocannon, sending signed `app_mention` events, a fresh body, event id,
 *              thread and signature for every request.
 *
 * Reports acks/s, ack latency p50/p99 (the HTTP response Slack waits for, 3 s at most),
 * replies delivered to the fake out of events sent, and reply latency (event sent →
 * chat.postMessage received).
 *
 * Options (env): BENCH_REQUESTS (default 2000), BENCH_CONNECTIONS (default 50).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeSlack, TEAM_ID } from '../scripts/demo/fake-slack.js';

const SELF = fileURLToPath(import.meta.url);
const ROOT = resolve(import.meta.dirname, '..');
const SECRET = 'bench-signing-secret';
/** Requests sent (and answered) before measuring. */
const WARMUP = 300;
const QUESTIONS = [
  'What did Samsung sign with YMTC?',
  'Which UK battery manufacturer is mentioned?',
  'What is FEB?',
  'Why is hybrid bonding crucial for Samsung?',
  'Which Swedish company failed?',
  "What's the weather like in Tokyo?",
];

type Message =
  | { kind: 'listening'; port: number }
  | { kind: 'stats?' }
  | { kind: 'stats'; loopDelay: { p50: number; p99: number; max: number }; cpuMs: number; peakRssMiB: number; shed: number; busyNotesDropped: number }
  | { kind: 'start'; url: string; amount: number; connections: number }
  | { kind: 'done'; result: LoadResult };

interface LoadResult {
  sent: number;
  acked: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationSeconds: number;
  latency: { p50: number; p99: number; max: number };
  /** Thread ts → ms when its event was sent. */
  sentAt: Record<string, number>;
}

const role = process.argv[2];
if (role === '--app') await runApp(process.argv[3]!);
else if (role === '--load') runLoad();
else await orchestrate();

// ── orchestrator ─────────────────────────────────────────────────────────────

async function orchestrate(): Promise<void> {
  const amount = Number(process.env.BENCH_REQUESTS ?? 2000);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
  const fake = await new FakeSlack().start();
  const app = spawn(['--app', fake.apiUrl]);
  const load = spawn(['--load']);
  try {
    const { port } = await next<{ kind: 'listening'; port: number }>(app, 'listening');
    console.log(`Slack adapter (HTTP mode) on 127.0.0.1:${port}; ${WARMUP} warm-up then ${amount} signed app_mention events over ${connections} connections…`);
    app.send({ kind: 'start', url: '', amount: 0, connections: 0 } satisfies Message);
    load.send({ kind: 'start', url: `http://127.0.0.1:${port}/slack/events`, amount, connections } satisfies Message);
    const { result } = await next<{ kind: 'done'; result: LoadResult }>(load, 'done');

    // Replies keep arriving after the last ack: wait until all are in, or none came for 10 s.
    let delivered = 0;
    let lastChange = Date.now();
    for (;;) {
      const now = replies(fake, result.sentAt).length;
      if (now !== delivered) lastChange = Date.now();
      delivered = now;
      if (delivered >= result.acked || Date.now() - lastChange > 10_000) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    app.send({ kind: 'stats?' } satisfies Message);
    const stats = await next<Extract<Message, { kind: 'stats' }>>(app, 'stats');
    const replyMs = replies(fake, result.sentAt)
      .map((c) => c.at - (result.sentAt[String(c.params.thread_ts)] ?? c.at))
      .sort((a, b) => a - b);
    const pct = (p: number) => replyMs[Math.min(replyMs.length - 1, Math.floor((p / 100) * replyMs.length))] ?? NaN;

    const rows: Array<[string, string]> = [
      ['events sent', String(result.sent)],
      ['acks (2xx)', String(result.acked)],
      ['non-2xx / errors / timeouts', `${result.non2xx} / ${result.errors} / ${result.timeouts}`],
      ['acks/s', (result.acked / result.durationSeconds).toFixed(0)],
      ['ack latency p50 / p99 / max', `${result.latency.p50} / ${result.latency.p99} / ${result.latency.max} ms`],
      ['replies delivered / sent', `${delivered} / ${result.sent}`],
      ['reply latency p50 / p99', `${pct(50)} / ${pct(99)} ms`],
      ['app event-loop delay p50 / p99 / max', `${stats.loopDelay.p50} / ${stats.loopDelay.p99} / ${stats.loopDelay.max} ms`],
      ['app CPU time (whole process life)', `${stats.cpuMs} ms`],
      ['app peak RSS', `${stats.peakRssMiB} MiB`],
      ['shed past MAX_PENDING (busy notes not sent)', `${stats.shed} (${stats.busyNotesDropped})`],
      ['Web API calls failed at the fake', String(fake.calls.filter((c) => c.status !== 200 || c.refused).length)],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
  } finally {
    app.kill();
    load.kill();
    await fake.stop();
  }
}

/** Replies to the measured events (warm-up replies are left out). */
function replies(fake: FakeSlack, sentAt: Record<string, number>) {
  return fake.calls.filter((c) => c.method === 'chat.postMessage' && c.status === 200 && !c.refused && String(c.params.thread_ts) in sentAt);
}

function spawn(args: string[]): ChildProcess {
  return fork(SELF, args, {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_PROF && args[0] === '--app' ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function next<T extends Message>(child: ChildProcess, kind: T['kind']): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: Message) => {
      if (m.kind !== kind) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(m as T);
    };
    const onExit = (code: number | null) => reject(new Error(`bench: child ${child.spawnargs.slice(-2).join(' ')} exited (${code}) before "${kind}"`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

// ── app process ──────────────────────────────────────────────────────────────

async function runApp(apiUrl: string): Promise<void> {
  const { Pilcrow } = await import('../src/core/bot/pilcrow.js');
  const { createLogger } = await import('../src/runtime/logger.js');
  const { createSlackAdapter } = await import('../src/adapters/slack/index.js');
  const logger = createLogger('warn');
  const bot = await Pilcrow.fromDirectory(resolve(ROOT, 'content'), { logger });
  const adapter = createSlackAdapter({
    config: { botToken: 'xoxb-bench', signingSecret: SECRET, apiUrl, port: 0 },
    bot,
    logger,
    rateLimitPerMinute: 10_000,
    host: '127.0.0.1',
  });
  await adapter.start();
  // Peak memory of the app process: with MAX_PENDING, a flood must not grow it without bound.
  let peakRss = process.memoryUsage().rss;
  setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50).unref();
  // Event-loop delay in the app: a stall here delays every ack, whatever its cause.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  process.on('message', (m: Message) => {
    if (m.kind === 'start') {
      loop.reset();
      loop.enable();
    }
    if (m.kind !== 'stats?') return;
    const ms = (ns: number) => Math.round(ns / 1e6);
    const cpu = process.cpuUsage();
    process.send!({
      kind: 'stats',
      loopDelay: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      peakRssMiB: Math.round(Math.max(peakRss, process.memoryUsage().rss) / 2 ** 20),
      shed: adapter.stats().shed,
      busyNotesDropped: adapter.stats().busyNotesDropped,
    } satisfies Message);
  });
  process.send!({ kind: 'listening', port: adapter.port! } satisfies Message);
  process.on('SIGTERM', () => void adapter.stop().then(() => process.exit(0)));
}

// ── load process ─────────────────────────────────────────────────────────────

interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
interface AutocannonResult {
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latency: { p50: number; p99: number; max: number };
}
type Autocannon = (
  options: {
    url: string;
    amount: number;
    connections: number;
    requests: Array<AutocannonRequest & { setupRequest: (req: AutocannonRequest) => AutocannonRequest }>;
  },
  done: (err: Error | null, result: AutocannonResult) => void,
) => { on(event: 'response', listener: () => void): unknown };

function runLoad(): void {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  process.on('message', (m: Message) => {
    if (m.kind !== 'start') return;
    let n = 0;
    let unique = 0;
    const sentAt: Record<string, number> = {};
    const setupRequest = (req: AutocannonRequest): AutocannonRequest => {
      if (n === 0) firstSentAt = performance.now();
      n += 1;
      unique += 1;
      const now = Date.now();
      const ts = `${Math.floor(now / 1000)}.${String(unique).padStart(6, '0')}`;
      sentAt[ts] = now;
      const body = JSON.stringify({
        token: 'legacy',
        team_id: TEAM_ID,
        api_app_id: 'A0BENCH',
        type: 'event_callback',
        event_id: `EvBENCH${unique}`,
        event_time: Math.floor(now / 1000),
        event: {
          type: 'app_mention',
          user: `UB${unique % 500}`,
          text: `<@UBOT0001> ${QUESTIONS[unique % QUESTIONS.length]}`,
          ts,
          event_ts: ts,
          channel: `CB${unique % 20}`,
        },
      });
      const timestamp = Math.floor(now / 1000);
      const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
      return {
        ...req,
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature },
      };
    };
    // autocannon's own start/finish fall on its one-second ticks; time the run from the first
    // request prepared to the last response received instead.
    let firstSentAt = 0;
    let lastResponseAt = 0;
    const run = (amount: number, done: (r: AutocannonResult) => void) => {
      const instance = autocannon({ url: m.url, amount, connections: m.connections, requests: [{ method: 'POST', setupRequest }] }, (err, r) => {
        if (err) throw err;
        done(r);
      });
      instance.on('response', () => {
        lastResponseAt = performance.now();
      });
    };
    // Warm-up (JIT, lazily loaded code, connection pools), then the measured run from a clean count.
    run(WARMUP, () => {
      n = 0;
      for (const key of Object.keys(sentAt)) delete sentAt[key];
      run(m.amount, report);
    });
    function report(r: AutocannonResult) {
      const result: LoadResult = {
        sent: n,
        acked: r['2xx'],
        non2xx: r.non2xx,
        errors: r.errors,
        timeouts: r.timeouts,
        durationSeconds: (lastResponseAt - firstSentAt) / 1000,
        latency: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max },
        sentAt,
      };
      process.send!({ kind: 'done', result } satisfies Message, () => process.exit(0));
    }
  });
}
