/**
 * The real process, started as `npm start` starts it, in Slack HTTP mode against the fake Slack:
 * SIGTERM while an answer is in flight lets the answer finish, frees the ports and exits 0; the
 * process serves /healthz, /readyz and /metrics meanwhile; a second signal exits at once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../scripts/demo/fake-slack.js';
import { appMention, sign } from '../adapters/slack/harness.js';
import { alive, freePort, npmStart, portIsFree, type Started } from './spawn.js';

const SECRET = 'process-test-secret';

let fake: FakeSlack;
let started: Started | undefined;

beforeEach(async () => {
  fake = await new FakeSlack().start();
});

afterEach(async () => {
  await started?.killAll();
  started = undefined;
  await fake.stop();
});

async function startPilcrow(extra: Record<string, string> = {}) {
  const port = await freePort();
  const healthPort = await freePort();
  started = npmStart({
    SLACK_BOT_TOKEN: 'xoxb-process-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: String(port),
    HEALTH_PORT: String(healthPort),
    LOG_LEVEL: 'info',
    // A developer's .env must not add platforms or Redis to this run (dotenv keeps what is set).
    DISCORD_TOKEN: '',
    SLACK_APP_TOKEN: '',
    REDIS_URL: '',
    ...extra,
  });
  await started.waitForLine((l) => l['msg'] === 'adapter started', 60_000);
  return { port, healthPort, run: started };
}

async function mention(port: number, text: string, channel = 'C0PROC01') {
  const body = JSON.stringify(appMention({ text: `<@UBOT0001> ${text}`, user: 'U0PROC01', channel }));
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': sign(body, timestamp, SECRET) },
    body,
  });
  expect(res.status).toBe(200);
}

describe('npm start as a real process', () => {
  it('serves health, readiness and metrics on HEALTH_PORT and on the Slack port', async () => {
    const { port, healthPort } = await startPilcrow();
    for (const p of [healthPort, port]) {
      const health = await fetch(`http://127.0.0.1:${p}/healthz`);
      expect(health.status).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${p}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ ready: true, checks: { library: true, slack: true } });
    }
    await mention(port, 'What did Samsung sign with YMTC?');
    await fake.waitForCall('chat.postMessage', (c) => String(c.params.text).includes('¶'));
    const metrics = await (await fetch(`http://127.0.0.1:${healthPort}/metrics`)).text();
    expect(metrics).toMatch(/pilcrow_answers_total\{platform="slack",status="answered"\} 1/);
    expect(metrics).toMatch(/pilcrow_slack_ack_duration_seconds_count [1-9]/);
    expect(metrics).toContain('pilcrow_answer_duration_seconds_bucket');
    expect((await fetch(`http://127.0.0.1:${healthPort}/nothing-here`)).status).toBe(404);
  });

  it('on SIGTERM finishes the answers in flight, frees its ports and exits 0, leaving no process behind', async () => {
    const { port, healthPort, run } = await startPilcrow({ SHUTDOWN_GRACE_MS: '10000' });
    const tree = run.descendants();
    expect(tree.length).toBeGreaterThan(0);

    const held = fake.hold('chat.postMessage');
    const channels = ['C0PROC01', 'C0PROC02', 'C0PROC03', 'C0PROC04', 'C0PROC05'];
    for (const channel of channels) await mention(port, 'What did Samsung sign with YMTC?', channel);
    await fake.waitFor(() => (fake.callsTo('chat.postMessage').length === channels.length ? true : undefined), 'five answers being posted');
    const calls = fake.callsTo('chat.postMessage');

    const signalledAt = Date.now();
    run.child.kill('SIGTERM');
    await run.waitForLine((l) => String(l['msg']).startsWith('shutting down'));
    // Draining: not ready any more, while the answers are still on their way.
    const ready = await fetch(`http://127.0.0.1:${healthPort}/readyz`);
    expect(ready.status).toBe(503);
    expect(calls.every((c) => c.answeredAt === undefined)).toBe(true);

    // The answers take a while longer to deliver; the process waits for them.
    await new Promise((r) => setTimeout(r, 500));
    held.release();
    const code = await run.exited;
    const exitedAt = Date.now();
    expect(code).toBe(0);
    for (const call of calls) {
      expect(call.answeredAt).toBeDefined();
      expect(String(call.params.text)).toContain('¶1');
    }
    expect(run.lines.filter((l) => l['msg'] === 'slack request answered' && l['delivered'] === true)).toHaveLength(channels.length);
    expect(run.lines.some((l) => l['msg'] === 'stopped')).toBe(true);
    expect(await portIsFree(port)).toBe(true);
    expect(await portIsFree(healthPort)).toBe(true);
    for (const pid of tree) expect(alive(pid)).toBe(false);
    const lastDelivered = Math.max(...calls.map((c) => c.answeredAt!));
    console.log(
      `shutdown with ${calls.length} answers in flight: SIGTERM → exit ${exitedAt - signalledAt} ms; last answer delivered ${lastDelivered - signalledAt} ms after SIGTERM; exit ${exitedAt - lastDelivered} ms after it`,
    );
  });

  it('exits at once on a second signal, without waiting for the answer in flight', async () => {
    const { port, run } = await startPilcrow({ SHUTDOWN_GRACE_MS: '60000' });
    const held = fake.hold('chat.postMessage');
    await mention(port, 'What did Samsung sign with YMTC?');
    await fake.waitFor(() => fake.callsTo('chat.postMessage')[0], 'the answer being posted');
    run.child.kill('SIGTERM');
    await run.waitForLine((l) => String(l['msg']).startsWith('shutting down'));
    // Signals closer together than half a second count as one (Ctrl-C arrives twice under npm).
    await new Promise((r) => setTimeout(r, 700));
    run.child.kill('SIGTERM');
    const code = await run.exited;
    expect(code).toBe(143);
    expect(run.lines.some((l) => String(l['msg']).startsWith('second signal'))).toBe(true);
    expect(await portIsFree(port)).toBe(true);
    held.release();
  });

  it('leaves no process behind when a test stops it by force', async () => {
    const { port, run } = await startPilcrow();
    const tree = run.descendants();
    expect(tree.length).toBeGreaterThan(0);
    await run.killAll();
    for (const pid of tree) expect(alive(pid)).toBe(false);
    expect(await portIsFree(port)).toBe(true);
  });
});
