/**
 * The real Bolt app in HTTP mode against the fake Slack: signed requests in, Web API calls and
 * response_url POSTs out. Every test uses its own channel or user, so they share one app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_ID, BOT_USER_ID } from '../../../scripts/demo/fake-slack.js';
import {
  appMention,
  blocksText,
  button,
  buttonPress,
  directMessage,
  messageShortcut,
  nextTs,
  postCommand,
  postEvent,
  postInteraction,
  postSigned,
  sign,
  slashCommand,
  startHarness,
  type Harness,
} from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('Slack HTTP mode: mentions', () => {
  it('answers a signed app_mention in the thread of the mention, quoting the excerpt with its ¶N', async () => {
    const ts = nextTs();
    const res = await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> What did Samsung sign with YMTC?`, user: 'U1', channel: 'C1', ts }));
    expect(res.status).toBe(200);

    const post = await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'C1');
    expect(post.params.thread_ts).toBe(ts);
    const text = blocksText(post.params.blocks);
    expect(text).toContain('patent licensing agreement');
    expect(text).toContain('¶1');
    expect(text).toMatch(/\*Samsung\*/); // matched terms in bold
    expect(post.params.text).toContain('¶1'); // notification fallback
    expect(post.authorization).toBe('Bearer xoxb-test-token');
  });

  it('understands a follow-up mention in the same thread in that thread’s context', async () => {
    const root = nextTs();
    await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> Tell me about YMTC's deal with Samsung`, user: 'U2', channel: 'C2', ts: root }));
    await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'C2');

    await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> what generation of chips is it for?`, user: 'U2', channel: 'C2', thread_ts: root }));
    const followUp = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === 'C2')[1], 'the follow-up answer');
    expect(followUp.params.thread_ts).toBe(root);
    const firstCitation = followUp.params.blocks?.find((b) => b.text?.text.startsWith('>'));
    expect(firstCitation?.text?.text).toContain('V10');
    expect(firstCitation?.text?.text).toContain('¶2');
  });

  it('answers "@Pilcrow more" in a thread with the next excerpts of that thread’s question', async () => {
    const root = nextTs();
    await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> What did Samsung sign with YMTC?`, user: 'U15', channel: 'C15', ts: root }));
    const first = await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'C15');
    await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> more`, user: 'U15', channel: 'C15', ts: nextTs(), thread_ts: root }));
    const more = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === 'C15')[1], 'the "more" answer');
    expect(more.params.thread_ts).toBe(root);
    const quoted = (blocks: typeof first.params.blocks) => (blocks ?? []).filter((b) => b.text?.text.startsWith('>')).map((b) => b.text!.text);
    expect(quoted(more.params.blocks).length).toBeGreaterThan(0);
    for (const excerpt of quoted(more.params.blocks)) expect(quoted(first.params.blocks)).not.toContain(excerpt);
  });

  it('says plainly when the article does not cover the question, with no citation', async () => {
    await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> What's the weather like in Tokyo?`, user: 'U3', channel: 'C3' }));
    const post = await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'C3');
    const text = blocksText(post.params.blocks);
    expect(text).toMatch(/doesn.t mention/i);
    expect(text).not.toMatch(/¶\d/);
  });

  it('ignores mentions from bots, including its own posts', async () => {
    const ts = nextTs();
    await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> What is FEB?`, user: 'U0BOTTY', bot_id: 'B0OTHER', channel: 'C4', ts }));
    await postEvent(h.adapter, directMessage({ text: 'What is FEB?', user: BOT_USER_ID, bot_id: BOT_ID, channel: 'D4' }));
    await postEvent(h.adapter, directMessage({ text: 'edited', user: 'U4', subtype: 'message_changed', channel: 'D4' }));
    // A person's mention after them is answered; the bot posts before it never were.
    await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> What is FEB?`, user: 'U4', channel: 'C4', thread_ts: ts }));
    await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'C4');
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === 'C4' || c.params.channel === 'D4')).toHaveLength(1);
  });

  it('answers a redelivered event (same event_id) once', async () => {
    const event = appMention({ text: `<@${BOT_USER_ID}> Which Swedish company failed?`, user: 'U5', channel: 'C5' });
    await postEvent(h.adapter, event);
    await postEvent(h.adapter, event);
    await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'C5');
    await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> What is FEB?`, user: 'U5', channel: 'C5' }));
    await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === 'C5')[1], 'the second answer');
    const posts = h.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === 'C5');
    expect(posts).toHaveLength(2);
  });
});

describe('Slack HTTP mode: request verification', () => {
  it('answers url_verification with the challenge', async () => {
    const res = await postEvent(h.adapter, { token: 't', challenge: 'challenge-abc', type: 'url_verification' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('challenge-abc');
  });

  it('rejects a bad signature with 401 and posts nothing', async () => {
    const before = h.fake.calls.length;
    const body = JSON.stringify(appMention({ text: `<@${BOT_USER_ID}> What is FEB?`, user: 'U6', channel: 'C6' }));
    const res = await postSigned(h.adapter, body, { signature: sign(body, Math.floor(Date.now() / 1000), 'not-the-secret') });
    expect(res.status).toBe(401);
    expect(h.fake.calls.length).toBe(before);
  });

  it('rejects a stale timestamp (over five minutes old) with 401 even when correctly signed, and posts nothing', async () => {
    const before = h.fake.calls.length;
    const body = JSON.stringify(appMention({ text: `<@${BOT_USER_ID}> What is FEB?`, user: 'U6', channel: 'C6' }));
    const stale = Math.floor(Date.now() / 1000) - 10 * 60;
    const res = await postSigned(h.adapter, body, { timestamp: stale, signature: sign(body, stale) });
    expect(res.status).toBe(401);
    expect(h.fake.calls.length).toBe(before);
  });
});

describe('Slack HTTP mode: DMs', () => {
  it('answers a DM directly (not threaded), and a DM thread in its thread', async () => {
    await postEvent(h.adapter, directMessage({ text: 'Which UK battery manufacturer is mentioned?', user: 'U7', channel: 'D7' }));
    const post = await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'D7');
    expect(post.params.thread_ts).toBeUndefined();
    expect(blocksText(post.params.blocks)).toContain('Walkreck');

    const parent = nextTs();
    await postEvent(h.adapter, directMessage({ text: 'What is FEB?', user: 'U7', channel: 'D7', thread_ts: parent }));
    const threaded = await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'D7' && c.params.thread_ts === parent);
    expect(blocksText(threaded.params.blocks)).toContain('Far East Battery');
  });
});

describe('Slack HTTP mode: /article', () => {
  it('answers privately (ephemeral, via response_url) and Share in channel posts the same answer for everyone', async () => {
    const res = await postCommand(h.adapter, slashCommand({ text: 'What is FEB?', user: 'U8', channel: 'C8', responseUrl: h.fake.responseUrl('cmd-8') }));
    expect(res.status).toBe(200);
    const answer = await h.fake.waitForResponse((r) => r.id === 'cmd-8');
    expect(answer.body.response_type).toBe('ephemeral');
    const privateText = blocksText(answer.body.blocks);
    expect(privateText).toContain('Far East Battery');
    expect(privateText).toContain('What is FEB?'); // the question is echoed: nobody else saw it typed

    const share = button(answer.body.blocks, 'pilcrow_share');
    await postInteraction(h.adapter, buttonPress({ button: share, user: 'U8', channel: 'C8', responseUrl: h.fake.responseUrl('share-8'), ephemeral: true }));
    const shared = await h.fake.waitForResponse((r) => r.id === 'share-8' && r.body.response_type === 'in_channel');
    const withoutButtons = (blocks: typeof answer.body.blocks) => blocksText(blocks?.filter((b) => b.type !== 'actions'));
    expect(withoutButtons(shared.body.blocks)).toBe(withoutButtons(answer.body.blocks));
    expect(shared.body.replace_original).toBe(false);
    await h.fake.waitForResponse((r) => r.id === 'share-8' && r.body.delete_original === true, 'the private copy deleted');
    expect(JSON.stringify(shared.body.blocks)).not.toContain('pilcrow_share');
  });

  it('runs the commands typed after /article (quote 3)', async () => {
    await postCommand(h.adapter, slashCommand({ text: 'quote 3', user: 'U9', channel: 'C9', responseUrl: h.fake.responseUrl('cmd-9') }));
    const answer = await h.fake.waitForResponse((r) => r.id === 'cmd-9');
    const text = blocksText(answer.body.blocks);
    expect(text).toContain('multiplier effect');
    expect(text).toContain('¶3');
  });
});

describe('Slack HTTP mode: Find in article shortcut', () => {
  it('answers in the thread of the message it was used on', async () => {
    const message = { ts: nextTs(), thread_ts: nextTs() };
    await postInteraction(
      h.adapter,
      messageShortcut({ text: 'Why would Samsung need hybrid bonding?', user: 'U10', channel: 'C10', responseUrl: h.fake.responseUrl('sc-10'), message }),
    );
    const post = await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'C10');
    expect(post.params.thread_ts).toBe(message.thread_ts);
    expect(blocksText(post.params.blocks)).toContain('hybrid bonding');
  });

  it('answers privately when the app is not in the channel', async () => {
    h.fake.closedChannels.add('C11');
    await postInteraction(
      h.adapter,
      messageShortcut({ text: 'What is FEB?', user: 'U11', channel: 'C11', responseUrl: h.fake.responseUrl('sc-11'), message: { ts: nextTs() } }),
    );
    const answer = await h.fake.waitForResponse((r) => r.id === 'sc-11');
    expect(answer.body.response_type).toBe('ephemeral');
    expect(blocksText(answer.body.blocks)).toContain('Far East Battery');
    expect(blocksText(answer.body.blocks)).toMatch(/invite/i);
  });
});

describe('Slack HTTP mode: buttons', () => {
  it('More posts the next excerpts in the same thread and conversation', async () => {
    const root = nextTs();
    await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> What did Samsung sign with YMTC?`, user: 'U12', channel: 'C12', ts: root }));
    const first = await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'C12');
    const more = button(first.params.blocks, 'pilcrow_more');

    await postInteraction(
      h.adapter,
      buttonPress({
        button: more,
        user: 'U12',
        channel: 'C12',
        responseUrl: h.fake.responseUrl('more-12'),
        message: { ts: '1700000000.999999', thread_ts: root },
      }),
    );
    const next = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === 'C12')[1], 'the More answer');
    expect(next.params.thread_ts).toBe(root);
    expect(blocksText(next.params.blocks)).toMatch(/¶\d/);
    expect(blocksText(next.params.blocks)).not.toBe(blocksText(first.params.blocks));
  });

  it('Full paragraph posts the whole cited paragraph', async () => {
    const root = nextTs();
    await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> Which Swedish company failed?`, user: 'U13', channel: 'C13', ts: root }));
    const first = await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'C13');
    const full = button(first.params.blocks, 'pilcrow_full');
    await postInteraction(
      h.adapter,
      buttonPress({
        button: full,
        user: 'U13',
        channel: 'C13',
        responseUrl: h.fake.responseUrl('full-13'),
        message: { ts: '1700000000.999998', thread_ts: root },
      }),
    );
    const quote = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === 'C13')[1], 'the paragraph');
    expect(quote.params.thread_ts).toBe(root);
    expect(blocksText(quote.params.blocks)).toContain('Both of these collaborations are deeply rooted');
  });

  it('👍 records feedback with the question and citation (visible in the log) and thanks the user privately', async () => {
    await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> What is FEB?`, user: 'U14', channel: 'C14' }));
    const first = await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'C14');
    const up = button(first.params.blocks, 'pilcrow_vote_up');
    await postInteraction(
      h.adapter,
      buttonPress({ button: up, user: 'U14', channel: 'C14', responseUrl: h.fake.responseUrl('vote-14'), message: { ts: first.params.thread_ts! } }),
    );
    const thanks = await h.fake.waitForResponse((r) => r.id === 'vote-14');
    expect(thanks.body.response_type).toBe('ephemeral');
    const line = h.lines.find((l) => l.msg === 'slack feedback recorded' && l.userId === 'U14');
    expect(line).toMatchObject({ vote: 'up', question: expect.stringContaining('FEB'), citation: { paragraph: 1 } });
  });
});
