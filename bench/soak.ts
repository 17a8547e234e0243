/**
 * `npm run soak` — replays the load and fault scenarios of issue #8 against the local fakes
 * (127.0.0.1) with the real adapters and the real core, and prints the figures: answers lost,
 * duplicated, reply latency, requests shed, peak memory. A measurement: it asserts nothing.
 *
 *   slack-outage    the Slack Web API answers 500 to every post for SOAK_OUTAGE_S (30 s) while
 *                   mentions arrive in 150 channels; every answer should still arrive once.
 *   slack-429       one channel gets a 429 with Retry-After 45 s; 39 mentions in other channels
 *                   follow: how long do they wait?
 *   slack-flood     (only when named) SOAK_FLOOD_RATE (2,000) signed events/s for SOAK_FLOOD_S
 *                   (10 s), MAX_PENDING 200, load generator in this process. For the flood,
 *                   `BENCH_REQUESTS=20000 npm run bench:slack` (app in its own process) is better.
 *   discord-outage  Discord answers 500 to channel messages for SOAK_OUTAGE_S while mentions
 *                   arrive in 150 channels.
 *
 * One process holds the fakes, the load and the adapter, so peak RSS is of all three.
 * Run one scenario with `npm run soak -- slack-flood`.
 */
import { createHmac } from 'node:crypto';
import { resolve } from 'node:path';
import pino from 'pino';
import { createDiscordAdapter } from '../src/adapters/discord/index.js';
import { createSlackAdapter, EVENTS_PATH, type SlackAdapter } from '../src/adapters/slack/index.js';
import { Pilcrow } from '../src/core/bot/pilcrow.js';
import { BOT_ID as DISCORD_BOT_ID, FakeDiscord, GUILD_ID } from '../scripts/demo/fake-discord.js';
import { messagePayload, newUserId } from '../scripts/demo/discord-payloads.js';
import { APP_ID, BOT_USER_ID, FakeSlack, TEAM_ID } from '../scripts/demo/fake-slack.js';

const CONTENT = resolve(import.meta.dirname, '../content');
const SECRET = 'soak-signing-secret';
const OUTAGE_S = Number(process.env.SOAK_OUTAGE_S ?? 30);
const FLOOD_RATE = Number(process.env.SOAK_FLOOD_RATE ?? 2000);
const FLOOD_S = Number(process.env.SOAK_FLOOD_S ?? 10);
const QUESTIONS = ['What did Samsung sign with YMTC?', 'What is FEB?', 'Which Swedish company failed?', 'Which UK battery manufacturer is mentioned?'];
const silent = pino({ level: 'silent' });

/** Peak RSS, sampled every 50 ms while a scenario runs. */
function watchMemory(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

let eventCounter = 0;
function mention(channel: string, text: string): { body: string; thread: string } {
  eventCounter += 1;
  const ts = `1700000000.${String(eventCounter).padStart(6, '0')}`;
  const body = JSON.stringify({
    token: 'x',
    team_id: TEAM_ID,
    api_app_id: APP_ID,
    type: 'event_callback',
    event_id: `EvSoak${eventCounter}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'app_mention', user: `U${eventCounter}`, text: `<@${BOT_USER_ID}> ${text}`, ts, channel, event_ts: ts },
  });
  return { body, thread: ts };
}

async function postSigned(port: number, body: string): Promise<number> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  try {
    const res = await fetch(`http://127.0.0.1:${port}${EVENTS_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature },
      body,
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

async function slackApp(fake: FakeSlack, extra: { maxPending?: number } = {}): Promise<SlackAdapter> {
  const bot = await Pilcrow.fromDirectory(CONTENT);
  const adapter = createSlackAdapter({
    config: { botToken: 'xoxb-soak', signingSecret: SECRET, apiUrl: fake.apiUrl, port: 0 },
    bot,
    logger: silent,
    rateLimitPerMinute: 10_000,
    host: '127.0.0.1',
    ...extra,
  });
  await adapter.start();
  return adapter;
}

/** Posts to `channel` that reached the fake with 200, by thread ts. */
function slackAnswers(fake: FakeSlack): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const c of fake.calls) {
    if (c.method !== 'chat.postMessage' || c.status !== 200 || c.refused) continue;
    const key = String(c.params.thread_ts);
    out.set(key, [...(out.get(key) ?? []), c.at]);
  }
  return out;
}

async function waitQuiet(count: () => number, target: number, quietMs: number, maxMs: number): Promise<void> {
  const start = Date.now();
  let last = count();
  let changed = Date.now();
  while (count() < target && Date.now() - changed < quietMs && Date.now() - start < maxMs) {
    await sleep(200);
    const now = count();
    if (now !== last) changed = Date.now();
    last = now;
  }
}

async function slackOutage(): Promise<Record<string, string>> {
  const fake = await new FakeSlack().start();
  const adapter = await slackApp(fake);
  const memory = watchMemory();
  try {
    fake.failNext('chat.postMessage', ...Array.from({ length: 50_000 }, () => ({ status: 500 }) as const));
    const outageEnds = Date.now() + OUTAGE_S * 1000;
    const sent = new Map<string, number>();
    const total = 150;
    for (let i = 0; i < total; i += 1) {
      const m = mention(`CSO${i}`, QUESTIONS[i % QUESTIONS.length]!);
      sent.set(m.thread, Date.now());
      await postSigned(adapter.port!, m.body);
      await sleep((OUTAGE_S * 1000 * 0.9) / total);
    }
    await sleep(Math.max(0, outageEnds - Date.now()));
    fake.clearFaults('chat.postMessage');
    await waitQuiet(() => [...slackAnswers(fake).keys()].filter((k) => sent.has(k)).length, total, 15_000, 150_000);
    const answers = slackAnswers(fake);
    const latencies = [...sent].flatMap(([k, at]) => (answers.get(k)?.[0] !== undefined ? [answers.get(k)![0]! - at] : []));
    const duplicated = [...sent.keys()].filter((k) => (answers.get(k)?.length ?? 0) > 1).length;
    return {
      scenario: `Slack Web API outage (500 on every post) for ${OUTAGE_S} s, ${total} mentions during it`,
      'answers lost': String(total - latencies.length),
      'answers duplicated': String(duplicated),
      'reply latency p50 / p99': `${(pct(latencies, 50) / 1000).toFixed(1)} / ${(pct(latencies, 99) / 1000).toFixed(1)} s`,
      'failed posts seen by the fake': String(fake.calls.filter((c) => c.status === 500).length),
      'peak RSS': mib(memory.stop()),
    };
  } finally {
    await adapter.stop();
    await fake.stop();
  }
}

async function slack429(): Promise<Record<string, string>> {
  const fake = await new FakeSlack().start();
  const adapter = await slackApp(fake);
  try {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 45 });
    await postSigned(adapter.port!, mention('CLIMITED', 'What is FEB?').body);
    while (!fake.calls.some((c) => c.status === 429)) await sleep(20);
    const sent = new Map<string, number>();
    for (let i = 0; i < 39; i += 1) {
      const m = mention(`CFREE${i}`, QUESTIONS[i % QUESTIONS.length]!);
      sent.set(m.thread, Date.now());
      await postSigned(adapter.port!, m.body);
    }
    await waitQuiet(() => [...slackAnswers(fake).keys()].filter((k) => sent.has(k)).length, 39, 10_000, 60_000);
    const answers = slackAnswers(fake);
    const latencies = [...sent].flatMap(([k, at]) => (answers.get(k) ? [answers.get(k)![0]! - at] : []));
    return {
      scenario: 'Slack 429 (Retry-After 45 s) in one channel, then 39 mentions in other channels',
      'other channels answered': `${latencies.length} / 39`,
      'their reply latency p50 / p99': `${pct(latencies, 50)} / ${pct(latencies, 99)} ms`,
    };
  } finally {
    await adapter.stop();
    await fake.stop();
  }
}

async function slackFlood(): Promise<Record<string, string>> {
  const fake = await new FakeSlack().start();
  const adapter = await slackApp(fake, { maxPending: 200 });
  const memory = watchMemory();
  try {
    const sent = new Map<string, number>();
    const statuses = new Map<number, number>();
    const inflight = new Set<Promise<void>>();
    const started = Date.now();
    const total = FLOOD_RATE * FLOOD_S;
    for (let i = 0; i < total; i += 1) {
      // Keep to the schedule: event i is due at i / rate seconds.
      const due = started + (i * 1000) / FLOOD_RATE;
      if (due > Date.now()) await sleep(due - Date.now());
      const m = mention(`CF${i % 500}`, QUESTIONS[i % QUESTIONS.length]!);
      sent.set(m.thread, Date.now());
      const p = postSigned(adapter.port!, m.body).then((status) => {
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      });
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
      // Never more than 1,000 requests open at once (the load generator's own bound).
      if (inflight.size >= 1000) await Promise.race(inflight);
    }
    await Promise.all(inflight);
    const sendSeconds = (Date.now() - started) / 1000;
    const answered = () => [...slackAnswers(fake).keys()].filter((k) => sent.has(k)).length;
    await waitQuiet(answered, total, 10_000, 180_000);
    const answers = slackAnswers(fake);
    const latencies = [...sent].flatMap(([k, at]) => (answers.get(k) ? [answers.get(k)![0]! - at] : []));
    const stats = adapter.stats();
    const busyNotes = fake.calls.filter((c) => c.method === 'chat.postEphemeral' && c.status === 200).length;
    return {
      scenario: `Slack HTTP flood: ${total} signed mentions at ${FLOOD_RATE}/s target (${(total / sendSeconds).toFixed(0)}/s achieved), MAX_PENDING 200`,
      'acked 200 / other': `${statuses.get(200) ?? 0} / ${total - (statuses.get(200) ?? 0)}`,
      answered: String(latencies.length),
      'shed (busy note sent / note dropped)': `${stats.shed} (${busyNotes} / ${stats.busyNotesDropped})`,
      'lost (neither answered nor shed)': String(total - latencies.length - stats.shed),
      'reply latency p50 / p99 (answered)': `${pct(latencies, 50)} / ${pct(latencies, 99)} ms`,
      'peak RSS': mib(memory.stop()),
    };
  } finally {
    await adapter.stop();
    await fake.stop();
  }
}

async function discordOutage(): Promise<Record<string, string>> {
  const fake = await FakeDiscord.start();
  const bot = await Pilcrow.fromDirectory(CONTENT);
  const adapter = createDiscordAdapter({
    config: { token: 'soak-token', applicationId: DISCORD_BOT_ID, apiBase: fake.apiBase },
    bot,
    logger: silent,
    rateLimitPerMinute: 10_000,
    clientOptions: { waitGuildTimeout: 200 },
  });
  await adapter.start();
  const memory = watchMemory();
  try {
    const isPost = (r: { method: string; route: string }) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.route);
    const clear = fake.fail(isPost, 500);
    const outageEnds = Date.now() + OUTAGE_S * 1000;
    const total = 150;
    const sentAt = new Map<string, number>();
    for (let i = 0; i < total; i += 1) {
      const payload = messagePayload({ content: `<@${DISCORD_BOT_ID}> ${QUESTIONS[i % QUESTIONS.length]}`, authorId: newUserId(), mentionsBot: true });
      sentAt.set(String(payload.id), Date.now());
      fake.dispatch('MESSAGE_CREATE', payload);
      await sleep((OUTAGE_S * 1000 * 0.9) / total);
    }
    await sleep(Math.max(0, outageEnds - Date.now()));
    clear();
    const answered = () =>
      fake.find(
        (r) => isPost(r) && r.status === 200 && sentAt.has(String((r.body as { message_reference?: { message_id?: string } })?.message_reference?.message_id)),
      );
    await waitQuiet(() => answered().length, total, 15_000, 150_000);
    const replies = answered();
    const perMessage = new Map<string, number[]>();
    for (const r of replies) {
      const id = String((r.body as { message_reference: { message_id: string } }).message_reference.message_id);
      perMessage.set(id, [...(perMessage.get(id) ?? []), r.at]);
    }
    void GUILD_ID;
    return {
      scenario: `Discord outage (500 on channel messages) for ${OUTAGE_S} s, ${total} mentions during it`,
      'answers lost': String(total - perMessage.size),
      'answers duplicated': String([...perMessage.values()].filter((v) => v.length > 1).length),
      'peak RSS': mib(memory.stop()),
    };
  } finally {
    await adapter.stop();
    await fake.stop();
  }
}

const SCENARIOS: Record<string, () => Promise<Record<string, string>>> = {
  'slack-outage': slackOutage,
  'slack-429': slack429,
  // In one process the load generator competes with the app for the CPU; the figures of
  // `npm run bench:slack` (app in its own process) are the ones to quote. Run it explicitly.
  'slack-flood': slackFlood,
  'discord-outage': discordOutage,
};

const chosen = process.argv.slice(2).filter((a) => a in SCENARIOS);
for (const name of chosen.length > 0 ? chosen : Object.keys(SCENARIOS).filter((n) => n !== 'slack-flood')) {
  const rows = await SCENARIOS[name]!();
  console.log(`\n${name}: ${rows.scenario}`);
  delete rows.scenario;
  const width = Math.max(...Object.keys(rows).map((k) => k.length));
  for (const [k, v] of Object.entries(rows)) console.log(`  ${k.padEnd(width)}  ${v}`);
}
process.exit(0);
