/**
 * Follow mode end to end: the real Bolt app (HTTP mode) against the fake Slack. Plain thread
 * messages (`message.channels`) are answered when the channel is followed, Pilcrow is in the
 * thread and the message is a question the article answers; everything else gets silence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_USER_ID } from '../../../scripts/demo/fake-slack.js';
import { Pilcrow } from '../../../src/core/bot/pilcrow.js';
import { appMention, blocksText, CONTENT_DIR, eventEnvelope, nextTs, postCommand, postEvent, slashCommand, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ bot: await Pilcrow.fromDirectory(CONTENT_DIR) });
});
afterAll(async () => {
  await h?.close();
});

/** A plain message a person posts in a channel thread, as `message.channels` delivers it. */
function threadMessage(o: { text: string; user: string; channel: string; thread_ts: string; ts?: string }) {
  const ts = o.ts ?? nextTs();
  return eventEnvelope({ type: 'message', channel_type: 'channel', user: o.user, text: o.text, ts, channel: o.channel, event_ts: ts, thread_ts: o.thread_ts });
}

/** The bot's posts in one thread. */
function postsIn(channel: string, thread: string) {
  return h.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === channel && c.params.thread_ts === thread);
}

/** Turns follow mode on in `channel` with the slash command, and waits for its confirmation. */
async function followOn(channel: string): Promise<void> {
  await postCommand(h.adapter, slashCommand({ text: 'follow on', user: 'UADMIN', channel, responseUrl: h.fake.responseUrl(`follow-${channel}`) }));
  const note = await h.fake.waitForResponse((r) => r.id === `follow-${channel}`);
  expect(JSON.stringify(note.body)).toContain('Follow mode is on');
}

/** Starts a thread with a mention and waits for the answer there; returns the thread's ts. */
async function joinThread(channel: string): Promise<string> {
  const root = nextTs();
  await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> What did Samsung sign with YMTC?`, user: 'U1', channel, ts: root }));
  await h.fake.waitFor(() => postsIn(channel, root)[0], 'the answer to the mention');
  return root;
}

/** Waits for the thread to hold `n` posts, then a little longer, and returns them. */
async function settle(channel: string, thread: string, n: number) {
  await h.fake.waitFor(() => (postsIn(channel, thread).length >= n ? true : undefined), `${n} posts in the thread`);
  await new Promise((r) => setTimeout(r, 300));
  return postsIn(channel, thread);
}

describe('Slack follow mode', () => {
  it('answers questions in a followed thread it has joined, and stays quiet on chatter and on what the article lacks', async () => {
    await followOn('CF1');
    const root = await joinThread('CF1');
    for (const text of ['haha', 'What do you think, Sam?', 'Is the build green again?', 'Let’s discuss on Monday', 'Did anyone else finish it?']) {
      await postEvent(h.adapter, threadMessage({ text, user: 'U2', channel: 'CF1', thread_ts: root }));
    }
    // The last message is a question for the bot: once it is answered, the ones before were read.
    await postEvent(h.adapter, threadMessage({ text: 'Why is hybrid bonding crucial for Samsung?', user: 'U3', channel: 'CF1', thread_ts: root }));
    const posts = await settle('CF1', root, 2);
    expect(posts).toHaveLength(2);
    expect(blocksText(posts[1]!.params.blocks)).toMatch(/crucial\*? for \*?Samsung/);
  });

  it('answers a mention inside a followed thread exactly once (Slack sends app_mention and message for it)', async () => {
    await followOn('CF2');
    const root = await joinThread('CF2');
    const ts = nextTs();
    const text = `<@${BOT_USER_ID}> Which Swedish company failed?`;
    await postEvent(h.adapter, threadMessage({ text, user: 'U2', channel: 'CF2', thread_ts: root, ts }));
    await postEvent(h.adapter, appMention({ text, user: 'U2', channel: 'CF2', ts, thread_ts: root }));
    const posts = await settle('CF2', root, 2);
    expect(posts).toHaveLength(2);
    expect(blocksText(posts[1]!.params.blocks)).toContain('Northvolt');
  });

  it('leaves alone a thread it never joined, and any thread in a channel that is not followed', async () => {
    await followOn('CF3');
    const stranger = nextTs();
    await postEvent(h.adapter, threadMessage({ text: 'Why is hybrid bonding crucial for Samsung?', user: 'U2', channel: 'CF3', thread_ts: stranger }));
    // Not followed: a thread Pilcrow answered in, but no follow mode.
    const root = await joinThread('CF4');
    await postEvent(h.adapter, threadMessage({ text: 'Why is hybrid bonding crucial for Samsung?', user: 'U2', channel: 'CF4', thread_ts: root }));
    // A mention after them is answered, so both plain messages were read before it.
    await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> Which Swedish company failed?`, user: 'U2', channel: 'CF4', thread_ts: root }));
    const posts = await settle('CF4', root, 2);
    expect(posts).toHaveLength(2);
    expect(postsIn('CF3', stranger)).toHaveLength(0);
  });

  it('recaps the thread: the paragraphs discussed and not, the questions it could not answer, the claims checked', async () => {
    await followOn('CF5');
    const root = await joinThread('CF5');
    await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> What is the weather in Tokyo?`, user: 'U2', channel: 'CF5', thread_ts: root }));
    await settle('CF5', root, 2);
    await postEvent(h.adapter, threadMessage({ text: 'check YMTC owns the hybrid bonding technology', user: 'U2', channel: 'CF5', thread_ts: root }));
    await settle('CF5', root, 3);
    await postEvent(h.adapter, threadMessage({ text: 'recap', user: 'U3', channel: 'CF5', thread_ts: root }));
    const posts = await settle('CF5', root, 4);
    const recap = blocksText(posts[3]!.params.blocks);
    expect(recap).toMatch(/Discussed: ¶1 \(1×\), ¶2 \(2×\)/);
    expect(recap).toContain('Not yet discussed');
    expect(recap).toContain('¶9 —');
    expect(recap).toContain('weather in Tokyo');
    expect(recap).toMatch(/YMTC owns the hybrid bonding technology.{1,4}supported/);
  });

  it('starts a discussion in the mention’s thread: the main argument and key claims, each cited', async () => {
    const root = nextTs();
    await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> discuss`, user: 'U1', channel: 'CF6', ts: root }));
    const [post] = await settle('CF6', root, 1);
    const text = blocksText(post!.params.blocks);
    expect(text).toContain("Let's discuss");
    expect(new Set([...text.matchAll(/¶(\d)/g)].map((m) => m[1])).size).toBeGreaterThanOrEqual(3);
    expect(text).toContain("the author's main claim");
  });
});
