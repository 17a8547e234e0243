/**
 * Hostile but signed Slack input: bodies that are valid JSON but not objects, envelopes with a
 * null payload, timestamps from the future, replayed slash commands. The real Bolt app must
 * refuse or drop each one and keep answering; none may end the process (in vitest, a crash
 * inside Bolt shows up as an unhandled error that fails the run).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_USER_ID, SOCKET_TICKET } from '../../../scripts/demo/fake-slack.js';
import { appMention, blocksText, postCommand, postEvent, postSigned, slashCommand, startHarness, type Harness } from './harness.js';

describe('Slack HTTP mode under hostile signed requests', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses a signed body of `null`, `42`, `[]` or `"x"` with 400 and keeps serving', async () => {
    for (const body of ['null', '42', '[]', '"x"']) {
      const res = await postSigned(h.adapter, body);
      expect(res.status, body).toBe(400);
    }
    // Interactivity with a payload that is not an object is refused the same way.
    const form = await postSigned(h.adapter, new URLSearchParams({ payload: 'null' }).toString(), { contentType: 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(400);
    await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> What is FEB?`, user: 'UH1', channel: 'CH1' }));
    const post = await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'CH1');
    expect(blocksText(post.params.blocks)).toContain('Far East Battery');
    expect(h.lines.some((l) => l.msg === 'slack: request refused before dispatch' && l.reason === 'body is not a JSON object')).toBe(true);
  });

  it('refuses a request stamped more than 5 minutes in the future (and in the past)', async () => {
    const event = JSON.stringify(appMention({ text: `<@${BOT_USER_ID}> What is FEB?`, user: 'UH2', channel: 'CH2' }));
    const now = Math.floor(Date.now() / 1000);
    expect((await postSigned(h.adapter, event, { timestamp: now + 6 * 60 })).status).toBe(401);
    expect((await postSigned(h.adapter, event, { timestamp: now - 6 * 60 })).status).toBe(401);
    // Within the window it is served.
    expect((await postSigned(h.adapter, event, { timestamp: now + 60 })).status).toBe(200);
    await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'CH2');
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === 'CH2')).toHaveLength(1);
  });

  it('answers an identical replayed slash command once', async () => {
    const fields = slashCommand({ text: 'What is FEB?', user: 'UH3', channel: 'CH3', responseUrl: h.fake.responseUrl('replay-1') });
    expect((await postCommand(h.adapter, fields)).status).toBe(200);
    expect((await postCommand(h.adapter, fields)).status).toBe(200);
    await h.fake.waitForResponse((r) => r.id === 'replay-1');
    // A later, different command is the proof that the replay had its chance to be answered.
    const other = slashCommand({ text: 'about', user: 'UH3', channel: 'CH3', responseUrl: h.fake.responseUrl('replay-2') });
    await postCommand(h.adapter, other);
    await h.fake.waitForResponse((r) => r.id === 'replay-2');
    expect(h.fake.responses.filter((r) => r.id === 'replay-1')).toHaveLength(1);
    expect(h.lines.some((l) => l.msg === 'slack: replayed request dropped')).toBe(true);
  });
});

describe('Slack Socket Mode under malformed envelopes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ socket: true });
    await h.fake.waitForSocket();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('drops an envelope whose payload is null (or has no event) and keeps answering', async () => {
    h.fake.sendEnvelope('events_api', null);
    h.fake.sendEnvelope('events_api', {});
    h.fake.sendEnvelope('slash_commands', null);
    h.fake.sendEnvelope('interactive', 7);
    const id = h.fake.sendEnvelope('events_api', appMention({ text: `<@${BOT_USER_ID}> Which Swedish company failed?`, user: 'UH4', channel: 'CH4' }));
    await h.fake.waitForAck(id);
    const post = await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'CH4');
    expect(blocksText(post.params.blocks)).toContain('Northvolt');
    expect(h.lines.filter((l) => l.msg === 'slack: malformed Socket Mode envelope dropped')).toHaveLength(4);
  });
});

describe('Slack secrets in SDK debug logs', () => {
  it('never logs the Socket Mode ticket or a token, even at debug level', async () => {
    const h = await startHarness({ socket: true });
    try {
      await h.fake.waitForSocket();
      const id = h.fake.sendEnvelope('events_api', appMention({ text: `<@${BOT_USER_ID}> What is FEB?`, user: 'UH5', channel: 'CH5' }));
      await h.fake.waitForAck(id);
      await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'CH5');
      const log = JSON.stringify(h.lines);
      // The debug log does talk about the connection; it just never carries the credential.
      expect(log).toContain('ticket=[redacted]');
      expect(log).not.toContain(SOCKET_TICKET);
      expect(log).not.toMatch(/xapp-test-token|xoxb-test-token/);
    } finally {
      await h.close();
    }
  });
});
