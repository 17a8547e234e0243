/**
 * The real Bolt app in Socket Mode: it opens a connection through `apps.connections.open` on the
 * fake Web API, the fake WebSocket server says `hello`, then sends envelopes; the app must ack
 * each envelope id and post the reply.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_USER_ID } from '../../../scripts/demo/fake-slack.js';
import { appMention, blocksText, button, buttonPress, nextTs, slashCommand, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ socket: true });
});
afterAll(async () => {
  await h?.close();
});

describe('Slack Socket Mode', () => {
  it('connects with the app-level token through apps.connections.open', async () => {
    expect(h.adapter.mode).toBe('socket');
    const open = await h.fake.waitForCall('apps.connections.open');
    expect(open.authorization).toBe('Bearer xapp-test-token');
    await h.fake.waitForSocket();
  });

  it('acks an events_api envelope by its id and answers the mention in its thread', async () => {
    const ts = nextTs();
    const id = h.fake.sendEnvelope('events_api', appMention({ text: `<@${BOT_USER_ID}> What did Samsung sign with YMTC?`, user: 'US1', channel: 'CS1', ts }));
    await h.fake.waitForAck(id);
    const post = await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'CS1');
    expect(post.params.thread_ts).toBe(ts);
    expect(blocksText(post.params.blocks)).toContain('patent licensing agreement');
  });

  it('acks a slash_commands envelope and answers privately through response_url', async () => {
    const id = h.fake.sendEnvelope(
      'slash_commands',
      slashCommand({ text: 'What is FEB?', user: 'US2', channel: 'CS2', responseUrl: h.fake.responseUrl('sm-cmd') }),
    );
    await h.fake.waitForAck(id);
    const answer = await h.fake.waitForResponse((r) => r.id === 'sm-cmd');
    expect(answer.body.response_type).toBe('ephemeral');
    expect(blocksText(answer.body.blocks)).toContain('Far East Battery');
  });

  it('acks an interactive envelope (👎 on an answer) and records the feedback', async () => {
    const ts = nextTs();
    h.fake.sendEnvelope('events_api', appMention({ text: `<@${BOT_USER_ID}> Which Swedish company failed?`, user: 'US3', channel: 'CS3', ts }));
    const post = await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'CS3');
    const down = button(post.params.blocks, 'pilcrow_vote_down');
    const id = h.fake.sendEnvelope(
      'interactive',
      buttonPress({
        button: down,
        user: 'US3',
        channel: 'CS3',
        responseUrl: h.fake.responseUrl('sm-vote'),
        message: { ts: '1700000000.900000', thread_ts: ts },
      }),
    );
    await h.fake.waitForAck(id);
    await h.fake.waitForResponse((r) => r.id === 'sm-vote');
    expect(h.lines.find((l) => l.msg === 'slack feedback recorded' && l.userId === 'US3')).toMatchObject({ vote: 'down' });
  });
});
