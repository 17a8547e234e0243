/**
 * Answering one interaction: the core's reply rendered, acknowledged within Discord's 3 seconds,
 * and a private "something went wrong" whatever fails. Every message goes out with
 * `allowed_mentions: { parse: [] }`, so quoted or echoed text can never ping anyone.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { MessageFlags, PermissionFlagsBits, type MessageMentionOptions, type RepliableInteraction } from 'discord.js';
import type { Logger } from '../../runtime/logger.js';
import type { Command, Request } from '../../core/types.js';
import { channelKey, conversationId, interactionTenant } from './conversation-id.js';
import { SOMETHING_WENT_WRONG, withinLoad, type RequestLoad } from '../../delivery/admission.js';
import type { UserRateLimit } from '../../delivery/rate-limit.js';
import { renderReply, renderText, type CitationLink, type RenderedMessage } from './render.js';
import type { InsightsSource } from '../../store/question-log.js';
import type { AnswerOptions, CommandContext } from './types.js';
import type { Bot } from '../../core/types.js';
import type { Outbox } from '../../delivery/outbox.js';

/** No `@everyone`, `@here`, role or user pings from any text Pilcrow sends. */
export const NO_MENTIONS: MessageMentionOptions = { parse: [] };

/** What the responder needs. */
export interface ResponderDeps {
  bot: Bot;
  logger: Logger;
  /**
   * Answer directly when the core replies within this many milliseconds; otherwise defer (the
   * "thinking…" state) and edit the answer in. Discord allows 3 seconds for the first response.
   */
  deferAfterMs: number;
  /** Edits of deferred answers go out through it: retried through outages until the deadline. */
  outbox: Outbox;
  /** Answers in progress, shared with mentions; past `max`, new requests get a busy reply. */
  load: RequestLoad;
  /** The users' rate limit, shared with mentions (taken when an interaction comes in). */
  limiter: UserRateLimit;
  /** The permission needed to add articles, by name (a PermissionFlagsBits key). Default ManageMessages. */
  addPermission?: string;
  /** The question log's figures, for `/insights`. */
  insights?: InsightsSource;
  /** Each citation's reader link, when `PUBLIC_URL` is set. */
  citationLink?: CitationLink;
}

/** The conversation an interaction belongs to (thread, DM, or the user in a channel). */
export function interactionConversation(interaction: RepliableInteraction): string {
  return conversationId({
    channelId: interaction.channelId ?? `user-${interaction.user.id}`,
    userId: interaction.user.id,
    isThread: interaction.channel?.isThread() ?? false,
    isDirect: !interaction.inGuild(),
  });
}

/** The channel whose current article the interaction uses (a thread uses its parent's). */
export function interactionChannel(interaction: RepliableInteraction): string {
  const channel = interaction.channel;
  return channelKey(interaction.channelId ?? `user-${interaction.user.id}`, channel?.isThread() ? channel.parentId : undefined);
}

/** Answers interactions on behalf of the command and button handlers. */
export class Responder {
  private readonly addPermissionName: string;
  private readonly addPermission: bigint;

  /** Answers in progress on this adapter (shared with mentions). */
  get load(): RequestLoad {
    return this.deps.load;
  }

  /** @throws Error when `deps.addPermission` is not a Discord permission name. */
  constructor(private readonly deps: ResponderDeps) {
    this.addPermissionName = deps.addPermission ?? 'ManageMessages';
    const bit = (PermissionFlagsBits as Record<string, bigint>)[this.addPermissionName];
    if (bit === undefined) {
      throw new Error(
        `discord adapter: DISCORD_ADD_PERMISSION "${this.addPermissionName}" is not a Discord permission name; use e.g. ManageMessages, ManageGuild or Administrator.`,
      );
    }
    this.addPermission = bit;
  }

  /** The context handed to a handler serving `interaction`, received at `startedAt` (performance.now()). */
  contextFor(interaction: RepliableInteraction, startedAt: number): CommandContext {
    return {
      bot: this.deps.bot,
      answer: (command, options) => this.answer(interaction, startedAt, command, options),
      discussInThread: (options) => this.discussInThread(interaction, startedAt, options),
      say: (text) => this.say(interaction, startedAt, text),
      addPermission: this.addPermission,
      addPermissionName: this.addPermissionName,
      ...(this.deps.insights ? { insights: this.deps.insights } : {}),
    };
  }

  /**
   * `/discuss` in a server channel: a new thread named for the article, the discussion posted
   * there (Pilcrow a member of it, so follow mode reads it), and a short pointer as the answer. In
   * a thread or a DM, or when the thread cannot be made, the discussion is the answer itself.
   */
  async discussInThread(interaction: RepliableInteraction, startedAt: number, options: AnswerOptions = {}): Promise<void> {
    const channel = interaction.channel;
    if (!interaction.inGuild() || !channel || channel.isThread() || !('threads' in channel))
      return this.answer(interaction, startedAt, { kind: 'discuss' }, options);
    const articles = this.deps.bot.articlesFor(interactionTenant(interaction));
    const title = (articles.find((a) => a.id === options.articleId) ?? (articles.length === 1 ? articles[0] : undefined))?.title;
    const log = { interaction: describeInteraction(interaction), command: 'discuss' };
    let thread;
    try {
      thread = await channel.threads.create({
        name: clipName(title ? `Discussion: ${title}` : 'Discussion'),
        autoArchiveDuration: 1440,
        reason: 'Pilcrow /discuss',
      });
    } catch (err) {
      this.deps.logger.warn({ ...log, err }, 'discord: could not start a thread for /discuss; answering in the channel');
      return this.answer(interaction, startedAt, { kind: 'discuss' }, options);
    }
    const conversation = conversationId({ channelId: thread.id, userId: interaction.user.id, isThread: true, isDirect: false });
    try {
      const reply = await this.deps.bot.handle({
        conversationId: conversation,
        userId: interaction.user.id,
        userName: interaction.user.username,
        channelId: channelKey(thread.id, channel.id),
        tenant: interactionTenant(interaction),
        command: { kind: 'discuss' },
        thread: true,
        ...(options.articleId ? { articleId: options.articleId } : {}),
      });
      const message = renderReply(reply, { conversationId: conversation, citationLink: this.deps.citationLink });
      await this.deps.outbox.send(`channel:${thread.id}`, () => thread.send({ ...message, allowedMentions: NO_MENTIONS }));
      // A channel link (<#id>) is markup the bot writes itself, not user text: it is not escaped, and it pings no one.
      await interaction.reply({
        content: `Started a discussion in <#${thread.id}>: its main argument and key claims, each cited. Ask there.`,
        allowedMentions: NO_MENTIONS,
      });
      this.deps.logger.info(
        { ...log, event: 'discord.answer', status: reply.status, thread: thread.id, ackMs: elapsed(startedAt) },
        'discord: discussion started',
      );
    } catch (err) {
      await this.fail(interaction, err, log);
    }
  }

  /** Sends `command` to the core and answers with the rendered reply. Never throws. */
  async answer(interaction: RepliableInteraction, startedAt: number, command: Command, options: AnswerOptions = {}): Promise<void> {
    // The rate limit was taken when the interaction came in (interactions.ts): the load bound here.
    await withinLoad(
      { platform: 'discord', limiter: this.deps.limiter, load: this.deps.load },
      {
        userId: interaction.user.id,
        log: this.deps.logger.child({ interaction: describeInteraction(interaction) }),
        tell: (text) => this.say(interaction, startedAt, text),
      },
      () => this.answerNow(interaction, startedAt, command, options),
    );
  }

  private async answerNow(interaction: RepliableInteraction, startedAt: number, command: Command, options: AnswerOptions): Promise<void> {
    const conversation = options.conversationId ?? interactionConversation(interaction);
    const request: Request = {
      conversationId: conversation,
      userId: interaction.user.id,
      userName: interaction.user.username,
      channelId: interactionChannel(interaction),
      tenant: interactionTenant(interaction),
      command,
      ...(options.articleId ? { articleId: options.articleId } : {}),
      ...(options.mayAdd ? { mayAdd: options.mayAdd } : {}),
      // A thread is a discussion: its recap is kept, and a command there makes Pilcrow a member.
      ...(interaction.channel?.isThread() ? { thread: true } : {}),
    };
    const flags = options.ephemeral ? MessageFlags.Ephemeral : undefined;
    const log = { interaction: describeInteraction(interaction), command: command.kind, ephemeral: Boolean(options.ephemeral) };
    try {
      const work = this.deps.bot
        .handle(request)
        .then((reply) => ({ reply, message: renderReply(reply, { conversationId: conversation, citationLink: this.deps.citationLink }) }));
      // Observed below either way; this keeps a failure during the deferral from going unhandled.
      work.catch(() => undefined);
      const timer = new AbortController();
      const early = await Promise.race([
        work.then((value) => ({ value })),
        sleep(this.deps.deferAfterMs, undefined, { signal: timer.signal }).then(
          () => undefined,
          () => undefined,
        ),
      ]).finally(() => timer.abort());

      if (early) {
        await interaction.reply({ ...early.value.message, flags, allowedMentions: NO_MENTIONS });
        this.deps.logger.info(
          { ...log, event: 'discord.answer', status: early.value.reply.status, ackMs: elapsed(startedAt), deferred: false },
          'discord: interaction answered',
        );
        return;
      }
      await interaction.deferReply({ flags });
      const ackMs = elapsed(startedAt);
      const { reply, message } = await work;
      // The interaction's webhook stays valid for 15 minutes: worth retrying through an outage.
      await this.deps.outbox.send(`interaction:${interaction.id}`, () => interaction.editReply({ ...message, allowedMentions: NO_MENTIONS }));
      this.deps.logger.info(
        { ...log, event: 'discord.answer', status: reply.status, ackMs, deferred: true, totalMs: elapsed(startedAt) },
        'discord: interaction answered',
      );
    } catch (err) {
      await this.fail(interaction, err, log);
    }
  }

  /** Answers with one plain, private line. Never throws. */
  async say(interaction: RepliableInteraction, startedAt: number, text: string): Promise<void> {
    try {
      await this.send(interaction, renderText(text));
      this.deps.logger.debug({ interaction: describeInteraction(interaction), ackMs: elapsed(startedAt) }, 'discord: private line sent');
    } catch (err) {
      await this.fail(interaction, err, { interaction: describeInteraction(interaction) });
    }
  }

  /**
   * Logs `err` with its details and tells the user, privately, that something went wrong: by a
   * reply, by editing a private "thinking…", or by removing a public "thinking…" and following
   * up privately. Never throws; a failure to tell the user is logged too.
   */
  async fail(interaction: RepliableInteraction, err: unknown, context: object = {}): Promise<void> {
    this.deps.logger.error({ ...context, err }, 'discord: handling an interaction failed');
    try {
      if (interaction.deferred && !interaction.replied && interaction.ephemeral) {
        await interaction.editReply({ ...renderText(SOMETHING_WENT_WRONG), allowedMentions: NO_MENTIONS });
        return;
      }
      if (interaction.deferred && !interaction.replied) {
        await interaction.deleteReply().catch((e: unknown) => this.deps.logger.warn({ err: e }, 'discord: could not remove the pending reply'));
      }
      await this.send(interaction, renderText(SOMETHING_WENT_WRONG));
    } catch (notified) {
      this.deps.logger.error({ ...context, err: notified }, 'discord: could not tell the user that handling failed');
    }
  }

  /** A private message: the first response when there has been none, a follow-up otherwise. */
  private async send(interaction: RepliableInteraction, message: RenderedMessage): Promise<void> {
    const body = { ...message, flags: MessageFlags.Ephemeral as const, allowedMentions: NO_MENTIONS };
    if (interaction.deferred || interaction.replied) await interaction.followUp(body);
    else await interaction.reply(body);
  }
}

/** Milliseconds since `startedAt`, rounded to 0.1. */
export function elapsed(startedAt: number): number {
  return Math.round((performance.now() - startedAt) * 10) / 10;
}

/** A short description for logs: `/ask`, `button pc|more|…`, `menu Find in article`. */
export function describeInteraction(interaction: RepliableInteraction): string {
  if (interaction.isChatInputCommand()) return `/${interaction.commandName}`;
  if (interaction.isContextMenuCommand()) return `menu ${interaction.commandName}`;
  if (interaction.isButton()) return `button ${interaction.customId.split('|').slice(0, 2).join('|')}`;
  return `interaction ${interaction.type}`;
}

/** A thread name within Discord's 100 characters. */
function clipName(name: string): string {
  return name.length <= 100 ? name : `${name.slice(0, 99).trimEnd()}…`;
}
