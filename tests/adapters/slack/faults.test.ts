/**
 * What users see when things go wrong: Slack's Web API failing (500, 429 with Retry-After),
 * the core failing, a user over the rate limit, and hostile text in questions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../../src/core/types.js';
import { BOT_USER_ID } from '../../../scripts/demo/fake-slack.js';
import { appMention, blocksText, nextTs, postCommand, postEvent, realBot, slashCommand, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  const bot = await realBot();
  // The real core, except that a question containing "explode" makes it throw.
  const flaky: Pick<Bot, 'handle' | 'feedback'> = {
    handle: async (request) => {
      if (request.command.kind === 'text' && request.command.text.includes('explode')) {
        throw new Error('core exploded: secret internal detail');
      }
      return bot.handle(request);
    },
    feedback: (f) => bot.feedback(f),
  };
  h = await startHarness({ bot: flaky, rateLimitPerMinute: 3 });
});
afterAll(async () => {
  await h?.close();
});

const postsTo = (channel: string) => h.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === channel);

describe('Slack Web API failures', () => {
  it('retries chat.postMessage after a 500 and the reply still arrives', async () => {
    h.fake.failNext('chat.postMessage', { status: 500 });
    await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> What is FEB?`, user: 'UF1', channel: 'CF1' }));
    const post = await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'CF1');
    expect(blocksText(post.params.blocks)).toContain('Far East Battery');
    expect(postsTo('CF1').map((c) => c.status)).toEqual([500, 200]);
  });

  it('waits out a 429 Retry-After, then the reply arrives; the rate limit is logged', async () => {
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> Which Swedish company failed?`, user: 'UF2', channel: 'CF2' }));
    const post = await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'CF2');
    expect(blocksText(post.params.blocks)).toContain('Northvolt');
    expect(postsTo('CF2').map((c) => c.status)).toEqual([429, 200]);
    expect(h.lines.some((l) => /rate limit/i.test(String(l.msg)))).toBe(true);
  });

  it('logs a post that keeps failing past the reply deadline, tells the user privately, and serves the next event', async () => {
    h.fake.failNext('chat.postMessage', ...Array.from({ length: 1000 }, () => ({ status: 500 }) as const));
    await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> What is FEB?`, user: 'UF3', channel: 'CF3' }));
    const apology = await h.fake.waitForCall('chat.postEphemeral', (c) => c.params.channel === 'CF3');
    expect(apology.params.user).toBe('UF3');
    expect(blocksText(apology.params.blocks)).toMatch(/something went wrong/i);
    const failure = h.lines.find((l) => l.msg === 'slack delivery failed' && l.conversationId !== undefined && String(l.conversationId).includes('CF3'));
    expect(failure).toMatchObject({ delivery: 'post' });
    expect(JSON.stringify(failure)).toMatch(/reply deadline passed/);
    h.fake.clearFaults('chat.postMessage');

    await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> Which UK battery manufacturer is mentioned?`, user: 'UF3', channel: 'CF3b' }));
    const next = await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'CF3b');
    expect(blocksText(next.params.blocks)).toContain('Walkreck');
  });
});

describe('Slack adapter failures and limits', () => {
  it('answers an error in handling with a short private message; the details go to the log only', async () => {
    await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> please explode`, user: 'UF4', channel: 'CF4' }));
    const note = await h.fake.waitForCall('chat.postEphemeral', (c) => c.params.channel === 'CF4');
    expect(note.params.user).toBe('UF4');
    const said = JSON.stringify(note.params);
    expect(said).toMatch(/something went wrong/i);
    expect(said).not.toContain('secret internal detail');
    expect(postsTo('CF4')).toHaveLength(0);
    const logged = h.lines.find((l) => l.msg === 'slack request failed in the core or renderer');
    expect(JSON.stringify(logged)).toContain('secret internal detail');

    await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> What is FEB?`, user: 'UF4', channel: 'CF4' }));
    await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'CF4');
  });

  it('answers a user over the rate limit privately and kindly, and posts nothing public for it', async () => {
    const root = nextTs();
    for (let i = 0; i < 4; i++) {
      await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> What is FEB?`, user: 'UF5', channel: 'CF5', thread_ts: root }));
    }
    const note = await h.fake.waitForCall('chat.postEphemeral', (c) => c.params.channel === 'CF5');
    expect(note.params.user).toBe('UF5');
    expect(note.params.thread_ts).toBe(root);
    expect(blocksText(note.params.blocks)).toMatch(/try again in about \d+ seconds?/i);
    await h.fake.waitFor(() => (postsTo('CF5').length === 3 ? true : undefined), 'three answers');
    expect(h.fake.callsTo('chat.postEphemeral').filter((c) => c.params.channel === 'CF5')).toHaveLength(1);
  });

  it('never lets a question or quote trigger @channel, @here, @everyone or a user mention', async () => {
    // As Slack delivers it: typed "<!channel>" arrives escaped; a real <!here> arrives as markup.
    const typed = 'Does it mention &lt;!channel&gt; or &lt;@U123&gt; or &lt;!everyone&gt; <!here> @everyone & Samsung?';
    await postCommand(h.adapter, slashCommand({ text: typed, user: 'UF6', channel: 'CF6', responseUrl: h.fake.responseUrl('esc-6') }));
    const answer = await h.fake.waitForResponse((r) => r.id === 'esc-6');
    const posted = JSON.stringify(answer.body);
    for (const trigger of ['<!channel>', '<!here>', '<!everyone>', '<@U123>']) expect(posted).not.toContain(trigger);
    // The core may drop markup from the question it echoes; what is left is escaped.
    expect(blocksText(answer.body.blocks)).toContain('&amp; Samsung');
    for (const block of answer.body.blocks ?? []) {
      if (block.text?.type === 'mrkdwn') expect(block.text.verbatim).toBe(true);
      for (const e of block.elements ?? []) if (e.type === 'mrkdwn') expect(e.verbatim).toBe(true);
    }
  });
});
