/**
 * Follow mode, /discuss and /recap end to end: the real discord.js client against the fake Discord.
 * With the Message Content intent granted (the application's flag), plain messages in a thread
 * Pilcrow is part of are read, and questions the article answers get a reply; without it, one
 * line says so at start and everything else works.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GatewayIntentBits } from 'discord.js';
import { BOT_ID, CHANNEL_ID, THREAD_ID } from '../../../scripts/demo/fake-discord.js';
import { messagePayload, newUserId, opt, slashCommand } from '../../../scripts/demo/discord-payloads.js';
import { Pilcrow } from '../../../src/core/bot/pilcrow.js';
import { answerTo, CONTENT_DIR, isChannelMessage, plain, startHarness, type Harness, type MessageBody } from './harness.js';

const MESSAGE_CONTENT_GRANTED = 1 << 18;

/** Posts a plain message (no mention) in the fake's thread; returns its payload. */
function say(h: Harness, content: string, mention = false) {
  const message = messagePayload({ content: mention ? `<@${BOT_ID}> ${content}` : content, authorId: newUserId(), place: 'thread', mentionsBot: mention });
  h.fake.dispatch('MESSAGE_CREATE', message);
  return message;
}

/** The bot's reply to `message` in the thread. */
async function replyTo(h: Harness, message: Record<string, unknown>): Promise<MessageBody> {
  const r = await h.fake.waitForRequest(isChannelMessage(THREAD_ID, (b) => b.message_reference?.message_id === message.id));
  return r.body as MessageBody;
}

const repliedTo = (h: Harness, message: Record<string, unknown>) =>
  h.fake.requests.some(
    (r) => r.method === 'POST' && r.route === `/channels/${THREAD_ID}/messages` && (r.body as MessageBody).message_reference?.message_id === message.id,
  );

describe('with the Message Content intent granted', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      rateLimitPerMinute: 100,
      applicationFlags: MESSAGE_CONTENT_GRANTED,
      core: await Pilcrow.fromDirectory(CONTENT_DIR, { followThreads: true }),
    });
  });
  afterAll(async () => {
    await h?.stop();
  });

  test('asks for the intent when it identifies', () => {
    expect(h.fake.identifies.at(-1)!.intents & GatewayIntentBits.MessageContent).toBe(GatewayIntentBits.MessageContent);
  });

  test('after a mention in a thread, answers its questions without one and leaves its chatter alone', async () => {
    await replyTo(h, say(h, 'What did Samsung sign with YMTC?', true));
    const chatter = [say(h, 'haha'), say(h, 'What do you think, Sam?'), say(h, 'Is the build green again?')];
    const question = say(h, 'Why is hybrid bonding crucial for Samsung?');
    const body = await replyTo(h, question);
    expect(plain(body.embeds![0]!.description)).toContain('crucial for Samsung');
    expect(body.allowed_mentions?.parse).toEqual([]);
    await new Promise((r) => setTimeout(r, 200));
    for (const m of chatter) expect(repliedTo(h, m)).toBe(false);
  });

  test('/discuss starts a thread with the main argument and key claims, each cited', async () => {
    const interaction = slashCommand('discuss', [], newUserId(), 'channel');
    h.fake.dispatch('INTERACTION_CREATE', interaction);
    const created = await h.fake.waitForRequest((r) => r.method === 'POST' && r.route === `/channels/${CHANNEL_ID}/threads`);
    expect((created.body as { name: string }).name).toMatch(/^Discussion: Chinese technology going global/);
    const posted = await h.fake.waitForRequest(
      (r) =>
        r.method === 'POST' &&
        /^\/channels\/\d+\/messages$/.test(r.route) &&
        r.route !== `/channels/${CHANNEL_ID}/messages` &&
        r.route !== `/channels/${THREAD_ID}/messages`,
    );
    const description = (posted.body as MessageBody).embeds![0]!.description!;
    expect(description).toContain("Let's discuss");
    expect(new Set([...description.matchAll(/¶(\d)/g)].map((m) => m[1])).size).toBeGreaterThanOrEqual(3);
    const { message } = await answerTo(h.fake, interaction);
    expect(message.content ?? '').toMatch(/Started a discussion in <#\d+>/);
  });

  test('/recap in the thread lists the paragraphs discussed and those not yet', async () => {
    const interaction = slashCommand('recap', [], newUserId(), 'thread');
    h.fake.dispatch('INTERACTION_CREATE', interaction);
    const { message } = await answerTo(h.fake, interaction);
    const text = plain(message.embeds?.[0]?.description ?? message.content ?? '');
    expect(text).toMatch(/Discussed: ¶1 \(\d×\), ¶2 \(\d×\)/);
    expect(text).toContain('Not yet discussed');
  });

  test('/article follow is refused to someone without the add permission', async () => {
    const interaction = slashCommand('article', [{ name: 'follow', type: 1, options: [opt.boolean('enabled', false)] } as never], newUserId(), 'channel');
    h.fake.dispatch('INTERACTION_CREATE', interaction);
    const { message } = await answerTo(h.fake, interaction);
    expect(message.content ?? '').toMatch(/needs the Manage Messages permission/);
  });
});

describe('without the Message Content intent', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ rateLimitPerMinute: 100, core: await Pilcrow.fromDirectory(CONTENT_DIR, { followThreads: true }) });
  });
  afterAll(async () => {
    await h?.stop();
  });

  test('says so in one line at start, identifies without it, and still answers mentions', async () => {
    const lines = h.logs.find((l) => l.event === 'discord.message_content');
    expect(lines).toHaveLength(1);
    expect(String(lines[0]!.msg)).toMatch(/Message Content intent is not enabled.*Mentions, slash commands and DMs work as before/);
    expect(h.fake.identifies.at(-1)!.intents & GatewayIntentBits.MessageContent).toBe(0);
    await replyTo(h, say(h, 'What did Samsung sign with YMTC?', true));
    const plainQuestion = say(h, 'Why is hybrid bonding crucial for Samsung?');
    await replyTo(h, say(h, 'What is FEB?', true));
    expect(repliedTo(h, plainQuestion)).toBe(false);
  });
});
