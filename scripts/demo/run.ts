/**
 * `npm run demo` (`demo:slack`, `demo:discord`): what Pilcrow looks like in Slack and Discord,
 * before any token. The real Bolt app and the real discord.js client run against the local fake
 * platforms (the same ones the tests use) on 127.0.0.1; a few sample questions are sent as a
 * person would send them (a mention, a follow-up in its thread, a slash command, a button); the
 * messages the adapters post are printed as a transcript and shown on a local page that renders
 * the Slack blocks and the Discord embeds they are made of. No token, no network.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createDiscordAdapter } from '../../src/adapters/discord/index.js';
import { createSlackAdapter } from '../../src/adapters/slack/index.js';
import { parseCli, UsageError } from '../../src/runtime/args.js';
import { runCli } from '../../src/cli/run.js';
import { Pilcrow } from '../../src/core/bot/pilcrow.js';
import { createLogger } from '../../src/runtime/logger.js';
import { opt, slashCommand as discordCommand, buttonClick, messagePayload, newUserId } from './discord-payloads.js';
import { BOT_ID as DISCORD_BOT_ID, FakeDiscord, THREAD_ID } from './fake-discord.js';
import { APP_ID, BOT_USER_ID, FakeSlack, TEAM_ID, type Block } from './fake-slack.js';
import { demoPage, type Shown } from './page.js';

const USAGE = `Usage: npm run demo -- [options]
       npm run demo:slack | npm run demo:discord

Shows what Pilcrow's answers, buttons and threads look like in Slack and Discord, with no token
and no network: the real Slack and Discord adapters answer a few sample questions against local
fake platforms on 127.0.0.1. The messages they post are printed here and shown on a local page.

Options:
  --platform NAME   slack, discord or both (default both)
  --content DIR     the folder of articles (default ./content)
  --port N          the page's port on 127.0.0.1 (default 4173; 0 picks a free one)
  --no-page         print the transcript and exit, without serving the page
  -h, --help        show this help`;

const QUIET = createLogger('silent');
let tsCounter = 0;
const nextTs = () => `1700000000.${String(++tsCounter).padStart(6, '0')}`;

/** An Events API envelope for Slack's `app_mention`, as Slack sends it over Socket Mode. */
function mention(text: string, channel: string, threadTs?: string): { payload: Record<string, unknown>; ts: string } {
  const ts = nextTs();
  const event = {
    type: 'app_mention',
    user: 'UDEMO001',
    text: `<@${BOT_USER_ID}> ${text}`,
    ts,
    channel,
    event_ts: ts,
    ...(threadTs ? { thread_ts: threadTs } : {}),
  };
  return {
    ts,
    payload: {
      team_id: TEAM_ID,
      api_app_id: APP_ID,
      event,
      type: 'event_callback',
      event_id: `EvDEMO${tsCounter}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
    },
  };
}

async function slackDemo(bot: Pilcrow): Promise<Shown[]> {
  const fake = await new FakeSlack().start();
  const adapter = createSlackAdapter({
    config: { botToken: 'xoxb-demo', appToken: 'xapp-demo', apiUrl: fake.apiUrl, port: 0 },
    bot,
    logger: QUIET,
    host: '127.0.0.1',
    rateLimitPerMinute: 1000,
  });
  const shown: Shown[] = [];
  try {
    await adapter.start();
    await fake.waitForSocket();
    const ask = async (text: string, channel: string, note: string, threadTs?: string) => {
      const { payload, ts } = mention(text, channel, threadTs);
      const before = fake.callsTo('chat.postMessage').length;
      fake.sendEnvelope('events_api', payload);
      const post = await fake.waitForCall('chat.postMessage', (c) => c.params.channel === channel && fake.callsTo('chat.postMessage').indexOf(c) >= before);
      shown.push({ platform: 'slack', said: `@Pilcrow ${text}`, note, blocks: post.params.blocks ?? [], text: post.params.text ?? '' });
      return ts;
    };
    const first = await ask('What did Samsung sign with YMTC?', 'CDEMO001', 'A mention in a channel: the answer goes in the thread of the question.');
    await ask('what generation of chips is it for?', 'CDEMO001', 'A follow-up in that thread, understood in its context.', first);
    await ask('What does the article say about India?', 'CDEMO001', 'A question the article does not cover: said plainly, with no citation.');
    fake.sendEnvelope('slash_commands', {
      team_id: TEAM_ID,
      channel_id: 'CDEMO001',
      user_id: 'UDEMO001',
      command: '/article',
      text: 'summary',
      api_app_id: APP_ID,
      response_url: fake.responseUrl('demo-summary'),
      trigger_id: 'trigger-demo-1',
    });
    const summary = await fake.waitForResponse((r) => r.id === 'demo-summary');
    shown.push({
      platform: 'slack',
      said: '/article summary',
      note: 'A slash command: answered only to you, with a button to share it in the channel.',
      blocks: summary.body.blocks ?? [],
      text: summary.body.text ?? '',
    });
  } finally {
    await adapter.stop();
    await fake.stop();
  }
  return shown;
}

interface DiscordMessage {
  content?: string;
  embeds?: Array<{ title?: string; description?: string; footer?: { text: string }; url?: string; fields?: Array<{ name: string; value: string }> }>;
  components?: Array<{ components: Array<{ label?: string; style: number; custom_id?: string; url?: string; emoji?: { name: string } }> }>;
}

async function discordDemo(bot: Pilcrow): Promise<Shown[]> {
  const fake = await FakeDiscord.start();
  const adapter = createDiscordAdapter({
    config: { token: 'demo-bot-token', applicationId: DISCORD_BOT_ID, apiBase: fake.apiBase },
    bot,
    logger: QUIET,
    rateLimitPerMinute: 1000,
    clientOptions: { waitGuildTimeout: 200 },
  });
  const shown: Shown[] = [];
  const answer = async (interaction: { id: string; token: string }): Promise<DiscordMessage> => {
    const callback = (await fake.waitForRequest((r) => r.method === 'POST' && r.route.startsWith(`/interactions/${interaction.id}/`))).body as {
      type: number;
      data?: DiscordMessage;
    };
    if (callback.type !== 5) return callback.data ?? {};
    return (await fake.waitForRequest((r) => r.method === 'PATCH' && r.route.endsWith(`/${interaction.token}/messages/%40original`))).body as DiscordMessage;
  };
  try {
    await adapter.start();
    const user = newUserId();
    const command = discordCommand('ask', [opt.string('question', 'What did Samsung sign with YMTC?')], user) as { id: string; token: string };
    fake.dispatch('INTERACTION_CREATE', command);
    const asked = await answer(command);
    shown.push({
      platform: 'discord',
      said: '/ask question: What did Samsung sign with YMTC?',
      note: 'A slash command: the answer is an embed with buttons.',
      message: asked,
    });
    const more = (asked.components ?? []).flatMap((r) => r.components).find((c) => c.custom_id?.split('|')[1] === 'more');
    if (more?.custom_id) {
      const click = buttonClick(more.custom_id, { id: '900000000000000001', channel_id: '300000000000000001', ...asked }, user) as {
        id: string;
        token: string;
      };
      fake.dispatch('INTERACTION_CREATE', click);
      shown.push({ platform: 'discord', said: '(presses More)', note: 'The next excerpts for the same question.', message: await answer(click) });
    }
    const threadUser = newUserId();
    const ask = async (text: string, note: string) => {
      const message = messagePayload({ content: `<@${DISCORD_BOT_ID}> ${text}`, authorId: threadUser, place: 'thread', mentionsBot: true });
      fake.dispatch('MESSAGE_CREATE', message);
      const reply = await fake.waitForRequest(
        (r) =>
          r.method === 'POST' &&
          r.route === `/channels/${THREAD_ID}/messages` &&
          (r.body as { message_reference?: { message_id: string } }).message_reference?.message_id === message['id'],
      );
      shown.push({ platform: 'discord', said: `@Pilcrow ${text}`, note, message: reply.body as DiscordMessage });
    };
    await ask('Which Swedish company failed?', 'A mention in a thread: everyone in the thread shares the context.');
    await ask('why?', 'A follow-up in the same thread.');
  } finally {
    await adapter.stop();
    await fake.stop();
  }
  return shown;
}

/** The transcript's text for one message. */
function transcript(s: Shown): string {
  const lines = [`${s.platform === 'slack' ? 'Slack' : 'Discord'} — you: ${s.said}`, `  (${s.note})`];
  if (s.blocks) {
    for (const b of s.blocks as Block[]) {
      if (b.text?.text) lines.push(...b.text.text.split('\n').map((l) => `  │ ${l}`));
      for (const e of b.elements ?? []) {
        if (b.type === 'actions') lines.push(`  │ [${typeof e.text === 'string' ? e.text : (e.text?.text ?? '')}]`);
        else if (typeof e.text === 'string') lines.push(`  │ ${e.text}`);
      }
    }
  }
  if (s.message) {
    const m = s.message as DiscordMessage;
    if (m.content) lines.push(`  │ ${m.content}`);
    for (const e of m.embeds ?? []) {
      if (e.title) lines.push(`  │ ${e.title}`);
      if (e.description) lines.push(...e.description.split('\n').map((l) => `  │ ${l}`));
      if (e.footer) lines.push(`  │ — ${e.footer.text}`);
    }
    const buttons = (m.components ?? []).flatMap((r) => r.components).map((c) => `[${c.emoji?.name ?? ''}${c.label ?? ''}]`);
    if (buttons.length > 0) lines.push(`  │ ${buttons.join(' ')}`);
  }
  return lines.join('\n');
}

await runCli(async () => {
  const { values } = parseCli(USAGE, { platform: { type: 'string' }, content: { type: 'string' }, port: { type: 'string' }, 'no-page': { type: 'boolean' } });
  const platform = values.platform ?? 'both';
  if (!['slack', 'discord', 'both'].includes(platform)) throw new UsageError(`--platform expects slack, discord or both (got "${platform}").\n\n${USAGE}`);
  const port = Number(values.port ?? '4173');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port expects a port number (got "${values.port}").\n\n${USAGE}`);
  const content = resolve(values.content ?? 'content');
  const bot = await Pilcrow.fromDirectory(content);
  const shown = [...(platform !== 'discord' ? await slackDemo(bot) : []), ...(platform !== 'slack' ? await discordDemo(bot) : [])];
  console.log(shown.map(transcript).join('\n\n'));
  if (values['no-page']) return;
  const html = demoPage(shown, bot.articles[0]?.title ?? '');
  const server = createServer((req, res) => {
    res.writeHead(req.url === '/' ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(req.url === '/' ? html : 'Not found\n');
  });
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(port, '127.0.0.1', ok));
  console.log(`\nThe same messages as Slack and Discord draw them: http://127.0.0.1:${(server.address() as AddressInfo).port}/  (Ctrl-C to stop)`);
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});
