/**
 * End-to-end: the real discord.js client against the fake Discord on 127.0.0.1, the real core on
 * the bundled article. Assertions are on the REST bodies the bot sends.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BOT_ID, BOT_ROLE_ID, CHANNEL_ID, DM_CHANNEL_ID, THREAD_ID, type RecordedRequest } from '../../../scripts/demo/fake-discord.js';
import { autocomplete, buttonClick, messageMenu, messagePayload, newUserId, opt, slashCommand, type Place } from '../../../scripts/demo/discord-payloads.js';
import {
  ackTimes,
  answerTo,
  customIdsOf,
  isCallback,
  isChannelMessage,
  isWebhookMessage,
  plain,
  startHarness,
  type CallbackBody,
  type Harness,
  type MessageBody,
} from './harness.js';

const EPHEMERAL = 64;
const TITLE = 'Chinese technology going global more than just a commercial triumph: Global Times editorial';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ rateLimitPerMinute: 5 });
});
afterAll(async () => {
  await h?.stop();
  if (ackTimes.length > 0) {
    const sorted = [...ackTimes].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
    console.info(`discord ack time over ${sorted.length} interactions (fake dispatch → callback): median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms`);
  }
});

/** Dispatches a slash command and returns what the bot answered. */
async function command(name: string, options: Parameters<typeof slashCommand>[1], userId = newUserId(), place: Place = 'channel') {
  const interaction = slashCommand(name, options, userId, place);
  h.fake.dispatch('INTERACTION_CREATE', interaction);
  return { interaction, ...(await answerTo(h.fake, interaction)) };
}

/** Dispatches a message and returns the bot's reply in that channel. */
async function mention(content: string, authorId: string, place: Place = 'channel') {
  const channel = place === 'thread' ? THREAD_ID : place === 'dm' ? DM_CHANNEL_ID : CHANNEL_ID;
  const message = messagePayload({ content: place === 'dm' ? content : `<@${BOT_ID}> ${content}`, authorId, place, mentionsBot: place !== 'dm' });
  h.fake.dispatch('MESSAGE_CREATE', message);
  const reply = await h.fake.waitForRequest(isChannelMessage(channel, (b) => b.message_reference?.message_id === message.id));
  return { message, body: reply.body as MessageBody };
}

/** The reply message as Discord would store it (for button clicks on it). */
function storedMessage(body: MessageBody, place: Place = 'channel') {
  return messagePayload({ content: body.content ?? '', authorId: BOT_ID, place, embeds: body.embeds, components: body.components, flags: body.flags });
}

describe('slash commands', () => {
  test('/ask answers in the channel with an embed quoting ¶1 verbatim, matched terms in bold, no pings', async () => {
    const { callback, message, ackMs } = await command('ask', [opt.string('question', 'What did Samsung sign with YMTC?')]);
    console.info(`discord /ask acknowledged in ${ackMs.toFixed(1)} ms`);
    expect(callback.type).toBe(4);
    expect((message.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    const embed = message.embeds![0]!;
    expect(embed.description).toMatch(/^\*\*¶1\*\*$/m);
    expect(plain(embed.description)).toContain('Samsung Electronics has signed a patent licensing agreement');
    expect(embed.description).toContain('**Samsung**');
    expect(embed.footer?.text).toContain(TITLE);
    expect(embed.title).toBe('What did Samsung sign with YMTC?');
    const labels = message.components!.flatMap((r) => r.components.map((c) => c.label ?? c.emoji?.name));
    expect(labels).toEqual(expect.arrayContaining(['More', 'Full paragraph ¶1', '👍', '👎']));
    // The adapter logs its own acknowledgement time for every interaction.
    await expect
      .poll(() => h.logs.find((l) => l.event === 'discord.answer' && l.interaction === '/ask' && typeof l.ackMs === 'number').length)
      .toBeGreaterThan(0);
  });

  test('/ask in a DM with the bot is answered there', async () => {
    const { callback, message } = await command('ask', [opt.string('question', 'What is FEB?')], newUserId(), 'dm');
    expect(callback.type).toBe(4);
    expect(plain(message.embeds![0]!.description)).toContain('Far East Battery');
  });

  test('/ask in a thread shares the thread conversation with mentions there', async () => {
    const thread = newUserId();
    const first = await command('ask', [opt.string('question', 'What did Samsung sign with YMTC?')], thread, 'thread');
    expect(customIdsOf(first.message).find((id) => id.startsWith('pc|more|'))).toBe(`pc|more|dc:${THREAD_ID}`);
  });

  test('interaction callbacks carry no Authorization header; gateway/bot does', async () => {
    const { interaction } = await command('about', []);
    const callback = await h.fake.waitForRequest(isCallback(interaction.id));
    expect(callback.headers.authorization).toBeUndefined();
    const gateway = await h.fake.waitForRequest((r) => r.route === '/gateway/bot');
    expect(gateway.headers.authorization).toBe('Bot fake-bot-token');
  });

  test('/ask private:true answers ephemerally (flag 64)', async () => {
    const { callback, message } = await command('ask', [
      opt.string('question', 'Who did Walkreck reach a licensing agreement with?'),
      opt.boolean('private', true),
    ]);
    expect(callback.type).toBe(4);
    expect(message.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(plain(message.embeds![0]!.description)).toContain('Far East Battery');
    expect(message.allowed_mentions).toEqual({ parse: [] });
  });

  test('/ask on something the article does not cover says so plainly, with no citation', async () => {
    const { message } = await command('ask', [opt.string('question', "What's the weather like in Tokyo?")]);
    const embed = message.embeds![0]!;
    expect(embed.description).not.toMatch(/¶\d/);
    expect(plain(embed.description)).toMatch(/doesn.t (cover|mention)/i);
    // 👍 / 👎 still offered: a wrong "not covered" is worth reporting.
    expect(customIdsOf(message).some((id) => id.startsWith('pc|vote|down|'))).toBe(true);
  });

  test('/quote paragraph:2 quotes the whole paragraph, labelled ¶2', async () => {
    const { message } = await command('quote', [opt.integer('paragraph', 2)]);
    const text = plain(message.embeds![0]!.description);
    expect(message.embeds![0]!.description).toMatch(/^\*\*¶2\*\*$/m);
    expect(text).toContain('Both of these collaborations are deeply rooted in technical considerations.');
    expect(text).toContain('(V10)');
    expect(text).toContain('becoming an indispensable part of technological progress.');
  });

  test('/quote of a paragraph that does not exist says so', async () => {
    const { message } = await command('quote', [opt.integer('paragraph', 99)]);
    expect(message.embeds![0]!.description).not.toMatch(/\*\*¶\d+\*\*/);
    expect(plain(message.embeds![0]!.description)).toMatch(/9/);
  });

  test('/summary cites several paragraphs; /search finds the words; /about gives title, source and length', async () => {
    const summary = (await command('summary', [])).message.embeds![0]!;
    expect(summary.title).toBe('Summary');
    expect(summary.description!.match(/^\*\*¶\d+\*\*$/gm)!.length).toBeGreaterThanOrEqual(3);

    // Walkreck is named in ¶1, ¶2 and ¶4.
    const search = (await command('search', [opt.string('query', 'Walkreck')])).message.embeds![0]!;
    expect(search.description!.match(/^\*\*¶\d+\*\*/gm)).toEqual(['**¶1**', '**¶2**', '**¶4**']);
    // Each result quotes the sentence that matched, under its paragraph's opening words.
    expect(search.description!.match(/^> .*\*\*Walkreck\*\*/gm)).toHaveLength(3);
    expect(search.description).toContain('**¶2** — *Both of these collaborations are deeply rooted in technical considerations.*');

    const about = (await command('about', [])).message.embeds![0]!;
    expect(about.title).toBe(TITLE);
    expect(about.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Source', value: 'Global Times (editorial)' }),
        expect.objectContaining({ name: 'Paragraphs', value: '9' }),
        expect.objectContaining({ name: 'On Discord', value: expect.stringContaining('Find in article') }),
      ]),
    );
  });

  test('a command Pilcrow no longer serves is answered privately', async () => {
    const { message } = await command('ask-old', []);
    expect(message.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(message.content).toMatch(/doesn't know that command/);
  });

  test('a slow answer is deferred (type 5) within the deadline, then edited in', async () => {
    h.hooks.delayMs = (text) => (text.includes('hybrid bonding') ? 1_300 : 0);
    try {
      const { callback, message } = await command('ask', [opt.string('question', 'Who owns the hybrid bonding technology?')]);
      expect(callback.type).toBe(5);
      expect(plain(message.embeds![0]!.description)).toContain('hybrid');
      expect(message.allowed_mentions).toEqual({ parse: [] });
    } finally {
      h.hooks.delayMs = () => 0;
    }
  });
});

describe('autocomplete', () => {
  test('/ask question offers at most 25 choices, each at most 100 characters (type 8)', async () => {
    const interaction = autocomplete('ask', [opt.string('question', 'Samsung pat', true)], newUserId());
    h.fake.dispatch('INTERACTION_CREATE', interaction);
    const body = (await h.fake.waitForRequest(isCallback(interaction.id))).body as CallbackBody;
    expect(body.type).toBe(8);
    const choices = body.data!.choices!;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(String(c.value).length).toBeLessThanOrEqual(100);
    }
  });

  test('/ask question with nothing typed still offers phrases from the article', async () => {
    const interaction = autocomplete('ask', [opt.string('question', '', true)], newUserId());
    h.fake.dispatch('INTERACTION_CREATE', interaction);
    const body = (await h.fake.waitForRequest(isCallback(interaction.id))).body as CallbackBody;
    expect(body.data!.choices!.length).toBeGreaterThan(0);
    expect(body.data!.choices!.length).toBeLessThanOrEqual(25);
  });

  test('/quote paragraph lists paragraphs by number and opening words, with integer values', async () => {
    const interaction = autocomplete('quote', [opt.integer('paragraph', '', true)], newUserId());
    h.fake.dispatch('INTERACTION_CREATE', interaction);
    const body = (await h.fake.waitForRequest(isCallback(interaction.id))).body as CallbackBody;
    const choices = body.data!.choices!;
    expect(body.type).toBe(8);
    expect(choices).toHaveLength(9);
    expect(choices[0]!.name).toMatch(/^¶1 — Two significant developments/);
    expect(choices[0]!.value).toBe(1);
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
  });
});

describe('buttons', () => {
  test('More gives the next excerpts of the same conversation', async () => {
    const userId = newUserId();
    const first = await command('ask', [opt.string('question', 'What did Samsung sign with YMTC?')], userId);
    const moreId = customIdsOf(first.message).find((id) => id.startsWith('pc|more|'))!;
    expect(moreId.length).toBeLessThanOrEqual(100);
    const click = buttonClick(moreId, storedMessage(first.message), newUserId());
    h.fake.dispatch('INTERACTION_CREATE', click);
    const { callback, message } = await answerTo(h.fake, click);
    expect(callback.type).toBe(4);
    expect(message.embeds![0]!.description).toMatch(/\*\*¶\d+\*\*/);
    expect(plain(message.embeds![0]!.description)).not.toBe(plain(first.message.embeds![0]!.description));
    expect((message.flags ?? 0) & EPHEMERAL).toBe(0);
  });

  test('Full paragraph quotes the cited paragraph privately', async () => {
    const first = await command('ask', [opt.string('question', 'What did Samsung sign with YMTC?')]);
    const fullId = customIdsOf(first.message).find((id) => id.startsWith('pc|para|1'))!;
    const click = buttonClick(fullId, storedMessage(first.message), newUserId());
    h.fake.dispatch('INTERACTION_CREATE', click);
    const { message } = await answerTo(h.fake, click);
    expect(message.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(plain(message.embeds![0]!.description)).toContain('Two significant developments have emerged recently');
    expect(plain(message.embeds![0]!.description)).toContain('to scale up their operations.');
  });

  test('More under a private answer stays private', async () => {
    const first = await command('ask', [opt.string('question', 'What did Samsung sign with YMTC?'), opt.boolean('private', true)]);
    const moreId = customIdsOf(first.message).find((id) => id.startsWith('pc|more|'))!;
    const click = buttonClick(moreId, storedMessage(first.message), newUserId());
    h.fake.dispatch('INTERACTION_CREATE', click);
    const { message } = await answerTo(h.fake, click);
    expect(message.flags! & EPHEMERAL).toBe(EPHEMERAL);
  });

  test('a button Pilcrow does not know is answered privately, not left hanging', async () => {
    const click = buttonClick('pc|unknown|x', messagePayload({ content: '', authorId: BOT_ID }), newUserId());
    h.fake.dispatch('INTERACTION_CREATE', click);
    const { message } = await answerTo(h.fake, click);
    expect(message.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(message.content).toMatch(/no longer works/);
  });

  test('👍 / 👎 are recorded through the core with the question and citation, and thanked privately', async () => {
    const userId = newUserId();
    const first = await command('ask', [opt.string('question', 'What did Samsung sign with YMTC?')], userId);
    const downId = customIdsOf(first.message).find((id) => id.startsWith('pc|vote|down|'))!;
    const click = buttonClick(downId, storedMessage(first.message), userId);
    h.fake.dispatch('INTERACTION_CREATE', click);
    const { message } = await answerTo(h.fake, click);
    expect(message.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(message.content).toMatch(/thanks/i);
    const logged = h.logs.find((l) => l.event === 'feedback' && l.userId === userId);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      vote: 'down',
      question: 'What did Samsung sign with YMTC?',
      citation: { articleId: 'chinese-tech-going-global', paragraph: 1 },
    });
  });
});

describe('Find in article (message context menu)', () => {
  test('answers privately with the passages bearing on the message', async () => {
    const target = messagePayload({ content: "So Samsung is licensing YMTC's hybrid bonding patents now?", authorId: newUserId() });
    const interaction = messageMenu('Find in article', target, newUserId());
    h.fake.dispatch('INTERACTION_CREATE', interaction);
    const { message } = await answerTo(h.fake, interaction);
    expect(message.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(message.embeds![0]!.description).toMatch(/\*\*¶[12]\*\*/);
    expect(plain(message.embeds![0]!.description)).toMatch(/hybrid bonding/);
  });
});

describe('mentions, threads and DMs', () => {
  test('a mention in a channel gets a reply to that message citing ¶1', async () => {
    const { message, body } = await mention('What did Samsung sign with YMTC?', newUserId());
    expect(body.message_reference?.message_id).toBe(message.id);
    expect(body.allowed_mentions?.parse).toEqual([]);
    expect(body.embeds![0]!.description).toMatch(/^\*\*¶1\*\*$/m);
    expect(plain(body.embeds![0]!.description)).toContain('patent licensing agreement');
  });

  test('in a thread, a follow-up mention is answered in context (¶2, "V10")', async () => {
    await mention("Tell me about YMTC's deal with Samsung", newUserId(), 'thread');
    // Someone else follows up in the same thread: the thread is the conversation.
    const { body } = await mention('what generation of chips is it for?', newUserId(), 'thread');
    expect(body.embeds![0]!.description).toMatch(/^\*\*¶2\*\*$/m);
    const firstCitation = body.embeds![0]!.description!.split(/^\*\*¶\d+\*\*$/m)[1];
    expect(plain(firstCitation)).toContain('V10');
  });

  test("mentioning Pilcrow's role (picked by mistake in the mention list) works like mentioning Pilcrow", async () => {
    const message = messagePayload({ content: `<@&${BOT_ROLE_ID}> What is FEB?`, authorId: newUserId(), mentionRoles: [BOT_ROLE_ID] });
    h.fake.dispatch('MESSAGE_CREATE', message);
    const reply = await h.fake.waitForRequest(isChannelMessage(CHANNEL_ID, (b) => b.message_reference?.message_id === message.id));
    expect(plain((reply.body as MessageBody).embeds![0]!.description)).toContain('Far East Battery');
  });

  test('a bare mention is answered (the core asks for a question), not ignored', async () => {
    const { body } = await mention('', newUserId());
    expect(plain(body.embeds![0]!.description)).toMatch(/question/i);
  });

  test('a mention saying "help" gets help with example questions', async () => {
    const { body } = await mention('help', newUserId());
    const embed = body.embeds![0]!;
    expect(embed.description).not.toMatch(/\*\*¶\d+\*\*/);
    expect(embed.description).toMatch(/^Try:$/m);
    expect(embed.description).toMatch(/^• /m);
  });

  test('a DM is answered without a mention', async () => {
    const { body } = await mention('What did Samsung sign with YMTC?', newUserId(), 'dm');
    expect(body.allowed_mentions?.parse).toEqual([]);
    expect(plain(body.embeds![0]!.description)).toContain('patent licensing agreement');
  });

  test('a DM that mentions the bot is answered the same way, the mention removed from the question', async () => {
    const message = messagePayload({ content: `<@${BOT_ID}> What is FEB?`, authorId: newUserId(), place: 'dm', mentionsBot: true });
    h.fake.dispatch('MESSAGE_CREATE', message);
    const reply = await h.fake.waitForRequest(isChannelMessage(DM_CHANNEL_ID, (b) => b.message_reference?.message_id === message.id));
    const embed = (reply.body as MessageBody).embeds![0]!;
    expect(embed.title).toBe('What is FEB?');
    expect(plain(embed.description)).toContain('Far East Battery');
  });

  test('text that would ping @everyone, a role or a user is sent with parse: [] and escaped', async () => {
    const { body } = await mention('@everyone <@&123456789012345678> what did Samsung sign?', newUserId());
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(body)).not.toContain('<@&123456789012345678>');
  });

  test('messages from bots, from Pilcrow itself, and without a mention are ignored', async () => {
    const before = h.fake.requests.length;
    const fromBot = messagePayload({ content: `<@${BOT_ID}> What did Samsung sign?`, authorId: newUserId(), bot: true, mentionsBot: true });
    const fromSelf = messagePayload({ content: `<@${BOT_ID}> What did Samsung sign?`, authorId: BOT_ID, mentionsBot: true });
    const noMention = messagePayload({ content: 'What did Samsung sign?', authorId: newUserId() });
    for (const m of [fromBot, fromSelf, noMention]) h.fake.dispatch('MESSAGE_CREATE', m);
    // A human mention afterwards is answered; by then the earlier messages have been handled.
    const { message } = await mention('What did Samsung sign with YMTC?', newUserId());
    const sent = h.fake.requests.slice(before).filter((r) => r.route.endsWith('/messages'));
    expect(sent).toHaveLength(1);
    expect((sent[0]!.body as MessageBody).message_reference?.message_id).toBe(message.id);
  });
});

describe('rate limit and failures', () => {
  test('a user over the rate limit gets a private, friendly message (slash command)', async () => {
    const userId = newUserId();
    for (let i = 0; i < 5; i++) await command('about', [], userId);
    const { message } = await command('ask', [opt.string('question', 'What did Samsung sign with YMTC?')], userId);
    expect(message.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(message.content).toMatch(/try again in about \d+ seconds?/);
    expect(message.embeds ?? []).toHaveLength(0);
    // Another user is not affected.
    const other = await command('about', []);
    expect(other.message.embeds![0]!.title).toBe(TITLE);
  });

  test('a user over the rate limit by mentions is told once, in a DM', async () => {
    const userId = newUserId();
    for (let i = 0; i < 5; i++) await mention('What did Samsung sign with YMTC?', userId);
    const before = h.fake.requests.length;
    for (let i = 0; i < 2; i++) h.fake.dispatch('MESSAGE_CREATE', messagePayload({ content: `<@${BOT_ID}> again?`, authorId: userId, mentionsBot: true }));
    const dm = await h.fake.waitForRequest((r) => r.route === '/users/@me/channels' && (r.body as { recipient_id: string }).recipient_id === userId);
    const notice = await h.fake.waitForRequest((r) => r.at >= dm.at && /^\/channels\/9\d+\/messages$/.test(r.route));
    expect((notice.body as MessageBody).content).toMatch(/try again in/);
    // Let the second refused message be handled, then check nothing was posted in the channel.
    await mention('What did Samsung sign with YMTC?', newUserId());
    const inChannel = h.fake.requests.slice(before).filter((r) => isChannelMessage(CHANNEL_ID)(r) && (r.body as MessageBody).content?.includes('try again'));
    expect(inChannel).toHaveLength(0);
    expect(h.fake.requests.slice(before).filter((r) => r.route === '/users/@me/channels')).toHaveLength(1);
  });

  test('an error while answering gives a private "something went wrong", no exception text; details in the log', async () => {
    h.hooks.failWith = (text) => (text.includes('explode') ? new Error('kaboom: index corrupted at 0xdeadbeef') : undefined);
    try {
      const { callback, message } = await command('ask', [opt.string('question', 'Why does it explode?')]);
      expect(callback.type).toBe(4);
      expect(message.flags! & EPHEMERAL).toBe(EPHEMERAL);
      expect(message.content).toMatch(/something went wrong/i);
      expect(JSON.stringify(message)).not.toContain('kaboom');
      const logged = h.logs.find((l) => l.msg === 'discord: handling an interaction failed');
      expect(JSON.stringify(logged)).toContain('kaboom: index corrupted');
    } finally {
      h.hooks.failWith = () => undefined;
    }
  });

  test('an error after deferring removes the public "thinking…" and tells the user privately', async () => {
    h.hooks.delayMs = (text) => (text.includes('slowly explode') ? 1_200 : 0);
    h.hooks.failWith = (text) => (text.includes('slowly explode') ? new Error('late kaboom') : undefined);
    try {
      const interaction = slashCommand('ask', [opt.string('question', 'Does it slowly explode?')], newUserId());
      h.fake.dispatch('INTERACTION_CREATE', interaction);
      const callback = await h.fake.waitForRequest(isCallback(interaction.id));
      expect((callback.body as CallbackBody).type).toBe(5);
      await h.fake.waitForRequest((r) => r.method === 'DELETE' && r.route.endsWith(`/${interaction.token}/messages/%40original`));
      const followUp = await h.fake.waitForRequest(isWebhookMessage(interaction.token, 'POST'));
      const body = followUp.body as MessageBody;
      expect(body.flags! & EPHEMERAL).toBe(EPHEMERAL);
      expect(body.content).toMatch(/something went wrong/i);
      expect(JSON.stringify(body)).not.toContain('kaboom');
    } finally {
      h.hooks.delayMs = () => 0;
      h.hooks.failWith = () => undefined;
    }
  });

  test('a REST 500 on a reply is logged and the bot keeps serving', async () => {
    const failing = slashCommand('ask', [opt.string('question', 'What did Samsung sign with YMTC?')], newUserId());
    const clear = h.fake.fail((r: RecordedRequest) => r.route.startsWith(`/interactions/${failing.id}/`));
    try {
      h.fake.dispatch('INTERACTION_CREATE', failing);
      await expect
        .poll(() => h.logs.find((l) => l.msg === 'discord: could not tell the user that handling failed').length, { timeout: 5_000 })
        .toBeGreaterThan(0);
      expect(h.logs.find((l) => l.msg === 'discord: handling an interaction failed').length).toBeGreaterThan(0);
    } finally {
      clear();
    }
    const next = await command('ask', [opt.string('question', 'What did Samsung sign with YMTC?')]);
    expect(next.message.embeds![0]!.description).toMatch(/\*\*¶1\*\*/);
  });

  test('a REST 500 on a mention reply is logged and the next mention is answered', async () => {
    const message = messagePayload({ content: `<@${BOT_ID}> What is FEB?`, authorId: newUserId(), mentionsBot: true });
    const clear = h.fake.fail((r: RecordedRequest) => isChannelMessage(CHANNEL_ID, (b) => b.message_reference?.message_id === message.id)(r));
    try {
      h.fake.dispatch('MESSAGE_CREATE', message);
      await expect
        .poll(() => h.logs.find((l) => l.msg === 'discord: handling a mention failed' && l.channelId === CHANNEL_ID).length, { timeout: 5_000 })
        .toBeGreaterThan(0);
      await expect.poll(() => h.logs.find((l) => l.msg === 'discord: could not tell the user that handling failed').length).toBeGreaterThan(0);
    } finally {
      clear();
    }
    const { body } = await mention('What is FEB?', newUserId());
    expect(plain(body.embeds![0]!.description)).toContain('Far East Battery');
  });

  test('after the gateway socket is closed, discord.js resumes and the next interaction is answered', async () => {
    const resumed = h.fake.nextGatewayEvent('resumed');
    h.fake.closeGateway(4000);
    await resumed;
    expect(h.fake.resumes.at(-1)?.session_id).toMatch(/^session-/);
    const { callback, message } = await command('ask', [opt.string('question', 'What did Samsung sign with YMTC?')]);
    expect(callback.type).toBe(4);
    expect(message.embeds![0]!.description).toMatch(/\*\*¶1\*\*/);
  });
});

describe('gateway', () => {
  test('after a close that ends the session (1000), discord.js identifies again and the next mention is answered', async () => {
    const identified = h.fake.identifies.length;
    const ready = h.fake.nextGatewayEvent('ready');
    h.fake.closeGateway(1000);
    await ready;
    expect(h.fake.identifies.length).toBe(identified + 1);
    const { body } = await mention('What is FEB?', newUserId(), 'thread');
    expect(plain(body.embeds![0]!.description)).toContain('Far East Battery');
  });

  test('identifies with only the Guilds, GuildMessages and DirectMessages intents (none privileged)', () => {
    const intents = h.fake.identifies[0]!.intents;
    // Guilds 1<<0, GuildMessages 1<<9, DirectMessages 1<<12; MessageContent (1<<15) is not asked for.
    expect(intents).toBe((1 << 0) | (1 << 9) | (1 << 12));
  });
});
