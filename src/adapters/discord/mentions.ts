/**
 * Mentions and DMs: `@Pilcrow <question>` in a channel or thread, or any message in a DM, gets a
 * reply to that message. Messages from bots (Pilcrow included) and webhooks are ignored.
 *
 * Without the privileged Message Content intent, Discord still delivers the content of messages
 * that mention the bot and of DMs: exactly the messages handled here.
 */
import { performance } from 'node:perf_hooks';
import type { Message } from 'discord.js';
import type { Logger } from '../../runtime/logger.js';
import { channelKey, conversationId, discordTenant } from './conversation-id.js';
import type { UserRateLimit } from '../../delivery/rate-limit.js';
import { admit, BUSY, SOMETHING_WENT_WRONG, type RequestLoad } from '../../delivery/admission.js';
import { renderReply, renderText, type CitationLink } from './render.js';
import { elapsed, NO_MENTIONS } from './respond.js';
import type { Bot } from '../../core/types.js';
import type { Outbox } from '../../delivery/outbox.js';

/** What the message handler needs. */
export interface MentionDeps {
  bot: Bot;
  logger: Logger;
  limiter: UserRateLimit;
  /** Replies go out through it: per channel, retried through outages until the reply deadline. */
  outbox: Outbox;
  /** Answers in progress, shared with interactions; past `max`, new mentions get a busy reply. */
  load: RequestLoad;
  /** Each citation's reader link, when `PUBLIC_URL` is set. */
  citationLink?: CitationLink;
  /**
   * Whether plain thread messages can be read (the Message Content intent granted): follow mode.
   * Without it Discord sends them with empty content, so they are not read at all.
   */
  readsThreads?: () => boolean;
}

/** The question in a message: the bot's mention removed, other mention tokens dropped. */
export function questionText(content: string, botId: string): string {
  return content
    .replace(new RegExp(`<@!?${botId}>`, 'g'), ' ')
    .replace(/<(@[!&]?|#)\d+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Whether the message mentions Pilcrow: its user, or its managed role (Discord's mention picker
 * offers both, and people pick the role by mistake).
 */
function mentionsMe(message: Message): boolean {
  if (message.mentions.users.has(message.client.user.id)) return true;
  const role = message.guild?.members.me?.roles.botRole;
  return role !== undefined && role !== null && message.mentions.roles.has(role.id);
}

/** Returns the `messageCreate` listener. The promise it returns never rejects. */
export function createMessageHandler(deps: MentionDeps): (message: Message) => Promise<void> {
  const { logger, limiter } = deps;
  return async (message) => {
    const me = message.client.user;
    if (message.author.bot || message.author.id === me.id || message.webhookId || message.system) return;
    const isDirect = message.channel.isDMBased();
    if (!isDirect && !mentionsMe(message)) {
      if (message.channel.isThread() && deps.readsThreads?.()) await followThread(deps, message);
      return;
    }
    const startedAt = performance.now();
    const log = { event: 'discord.mention', channelId: message.channelId, direct: isDirect };
    try {
      await admit(
        { platform: 'discord', limiter, load: deps.load },
        {
          userId: message.author.id,
          log: logger.child({ ...log, userId: message.author.id }),
          // The rate-limit line is said once per window, and privately: in the DM itself, or in a
          // DM for a channel mention. The busy line answers the mention.
          quietAfterFirstRefusal: true,
          tell: async (text) => {
            const notice = { ...renderText(text), allowedMentions: NO_MENTIONS };
            await (isDirect || text === BUSY ? message.reply(notice) : message.author.send(notice));
          },
        },
        () => answerMention(deps, message, log, startedAt),
      );
    } catch (err) {
      logger.error({ ...log, err }, 'discord: handling a mention failed');
      try {
        await message.reply({ ...renderText(SOMETHING_WENT_WRONG), allowedMentions: NO_MENTIONS });
      } catch (notified) {
        logger.error({ ...log, err: notified }, 'discord: could not tell the user that handling failed');
      }
    }
  };
}

async function answerMention(deps: MentionDeps, message: Message, log: Record<string, unknown>, startedAt: number): Promise<void> {
  const { bot, logger } = deps;
  const me = message.client.user;
  const isDirect = message.channel.isDMBased();
  const conversation = conversationId({
    channelId: message.channelId,
    userId: message.author.id,
    isThread: message.channel.isThread(),
    isDirect,
  });
  const reply = await bot.handle({
    conversationId: conversation,
    userId: message.author.id,
    userName: message.author.username,
    channelId: channelKey(message.channelId, message.channel.isThread() ? message.channel.parentId : undefined),
    tenant: discordTenant({ guildId: message.guildId, userId: message.author.id }),
    command: { kind: 'text', text: questionText(message.content, me.id) },
    // A mention in a thread makes Pilcrow a member of it: follow mode reads the thread from then on.
    ...(message.channel.isThread() ? { thread: true } : {}),
  });
  const rendered = { ...renderReply(reply, { conversationId: conversation, citationLink: deps.citationLink }), allowedMentions: NO_MENTIONS };
  await deps.outbox.send(`channel:${message.channelId}`, () => message.reply(rendered));
  logger.info({ ...log, status: reply.status, totalMs: elapsed(startedAt) }, 'discord: mention answered');
}

/**
 * Follow mode: a plain message in a thread. The core decides whether to speak (the channel
 * followed, Pilcrow a member of the thread, a question for it that the article answers); nothing
 * is said otherwise, not even when the user is rate limited or the bot is busy.
 */
async function followThread(deps: MentionDeps, message: Message): Promise<void> {
  if (!message.channel.isThread() || message.content.trim() === '') return;
  const startedAt = performance.now();
  const log = { event: 'discord.follow', channelId: message.channelId };
  try {
    const parentId = message.channel.parentId;
    const admission = { platform: 'discord' as const, limiter: deps.limiter, load: deps.load };
    // Passive: a message dropped for the rate limit or the load bound gets no line at all.
    await admit(admission, { userId: message.author.id, passive: true, log: deps.logger, tell: async () => {} }, async () => {
      const conversation = conversationId({ channelId: message.channelId, userId: message.author.id, isThread: true, isDirect: false });
      const reply = await deps.bot.handle({
        conversationId: conversation,
        userId: message.author.id,
        userName: message.author.username,
        channelId: channelKey(message.channelId, parentId),
        tenant: discordTenant({ guildId: message.guildId, userId: message.author.id }),
        command: { kind: 'text', text: questionText(message.content, message.client.user.id) },
        thread: true,
        passive: true,
      });
      if (reply.status === 'silent') return;
      const rendered = { ...renderReply(reply, { conversationId: conversation, citationLink: deps.citationLink }), allowedMentions: NO_MENTIONS };
      await deps.outbox.send(`channel:${message.channelId}`, () => message.reply(rendered));
      deps.logger.info({ ...log, status: reply.status, totalMs: elapsed(startedAt) }, 'discord: thread message answered');
    });
  } catch (err) {
    // A question nobody addressed to the bot gets no error message either: logged only.
    deps.logger.error({ ...log, err }, 'discord: answering a followed thread message failed');
  }
}
