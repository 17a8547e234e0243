/**
 * The one path every Slack request takes: the shared admission (rate limit, load bound:
 * src/delivery/admission.ts) → core → render → deliver through the outbox, with failures logged
 * in full and answered to the user in one short, private line.
 */
import { randomUUID } from 'node:crypto';
import type { webApi } from '@slack/bolt';
import type { EventLedger, KeyValueStore } from '../../store/types.js';
import type { Outbox } from '../../delivery/outbox.js';
import type { AddPermission, Bot, Reply, Request } from '../../core/types.js';
import type { Logger } from '../../runtime/logger.js';
import type { UserRateLimit } from '../../delivery/rate-limit.js';
import { admit, SOMETHING_WENT_WRONG, type RequestLoad } from '../../delivery/admission.js';
import type { TurnQueue } from './turns.js';
import { MAX_BLOCKS, renderNote, type CitationLink, type SlackMessage } from './render.js';

/** Shared state of one running adapter. */
export interface SlackDeps {
  /** The part of the core Slack uses. */
  bot: Pick<Bot, 'handle' | 'feedback'>;
  logger: Logger;
  limiter: UserRateLimit;
  /** Public copies of private answers, for **Share in channel**, by share key (shared with Redis). */
  shares: KeyValueStore<SlackMessage>;
  /** Event ids already handled: Slack redelivers an event when it thinks an ack was lost (to any instance). */
  seenEvents: EventLedger;
  /** Where the CPU part of answering runs: one answer per event-loop turn, acks in between. */
  turns: TurnQueue;
  /** Registers in-flight work so `stop()` can wait for it. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Every message to Slack goes through it: per-destination queues, retries until a deadline. */
  outbox: Outbox;
  /** Answers being worked on or waiting, and the bound past which new ones are shed. */
  load: RequestLoad;
  /** User ids who may add articles (`SLACK_ADMINS`); empty or unset: everyone. */
  admins?: readonly string[];
  /** Each citation's reader link, when `PUBLIC_URL` is set. */
  citationLink?: CitationLink;
}

/** Whether `user` may add articles (links only: Slack users never reach the server's files). */
export function addPermission(deps: SlackDeps, user: string): AddPermission {
  return !deps.admins || deps.admins.length === 0 || deps.admins.includes(user) ? 'links' : 'none';
}

/** Where a request's answer goes, and how to tell its user something privately. */
export interface Destination {
  post(message: SlackMessage): Promise<void>;
  whisper(message: SlackMessage): Promise<void>;
}

export const TEXT = {
  expired: 'That answer is no longer available to share. Ask again with /article and share the new answer.',
  feedbackThanks: 'Thanks for the feedback.',
  noText: 'That message has no text I can look up in the article.',
  notInChannel: 'I can’t post in this channel, so here is the answer just for you. Invite me (/invite @Pilcrow) to answer here.',
} as const;

/**
 * Answers one request: checks the user's rate limit, asks the core, renders and delivers.
 * Never throws: every failure is logged and, where possible, told to the user privately.
 */
export async function serve(
  deps: SlackDeps,
  origin: string,
  request: Request,
  destination: Destination,
  render: (reply: Reply) => SlackMessage | Promise<SlackMessage>,
): Promise<void> {
  const log = deps.logger.child({ origin, conversationId: request.conversationId, userId: request.userId });
  await admit(
    { platform: 'slack', limiter: deps.limiter, load: deps.load },
    {
      userId: request.userId,
      ...(request.passive ? { passive: true } : {}),
      log,
      tell: async (text) => {
        await deliver(log, 'whisper', () => destination.whisper(renderNote(text)));
      },
      // Under a flood, most shed requests get no note: the notes would queue without bound too.
      mayTellBusy: () => deps.outbox.stats.pending < deps.load.max,
    },
    () => answer(deps, log, request, destination, render),
  );
}

async function answer(
  deps: SlackDeps,
  log: Logger,
  request: Request,
  destination: Destination,
  render: (reply: Reply) => SlackMessage | Promise<SlackMessage>,
): Promise<void> {
  const started = performance.now();
  let reply: Reply;
  let message: SlackMessage;
  try {
    const done = await deps.turns.run(async () => {
      const r = await deps.bot.handle(request);
      // Follow mode: a message that is not a question for the bot gets nothing at all.
      return r.status === 'silent' ? undefined : ([r, await render(r)] as const);
    });
    if (!done) return;
    [reply, message] = done;
  } catch (error) {
    log.error({ err: error, command: request.command.kind }, 'slack request failed in the core or renderer');
    await deliver(log, 'whisper', () => destination.whisper(renderNote(SOMETHING_WENT_WRONG)));
    return;
  }

  const posted = await deliver(log, 'post', () => destination.post(message));
  log.info(
    {
      command: request.command.kind,
      status: reply.status,
      paragraphs: reply.citations.map((c) => c.paragraph),
      delivered: posted,
      ms: Math.round(performance.now() - started),
    },
    'slack request answered',
  );
  if (!posted) await deliver(log, 'whisper', () => destination.whisper(renderNote(SOMETHING_WENT_WRONG)));
}

/** Runs one delivery; logs a failure with Slack's error code and returns whether it worked. */
export async function deliver(log: Logger, what: string, send: () => Promise<void>): Promise<boolean> {
  try {
    await send();
    return true;
  } catch (error) {
    log.error({ err: error, ...slackErrorFields(error), delivery: what }, 'slack delivery failed');
    return false;
  }
}

/** The useful parts of a Web API error for a log line. */
export function slackErrorFields(error: unknown): Record<string, unknown> {
  if (typeof error !== 'object' || error === null) return {};
  const e = error as { code?: unknown; statusCode?: unknown; data?: { error?: unknown } };
  return {
    ...(typeof e.code === 'string' ? { slackCode: e.code } : {}),
    ...(typeof e.statusCode === 'number' ? { httpStatus: e.statusCode } : {}),
    ...(typeof e.data?.error === 'string' ? { slackError: e.data.error } : {}),
  };
}

/** True when Slack refused a post because the app is not in the conversation. */
export function isNotInChannel(error: unknown): boolean {
  const slackError = slackErrorFields(error).slackError;
  return slackError === 'not_in_channel' || slackError === 'channel_not_found';
}

type WebClient = webApi.WebClient;
type Respond = (message: Record<string, unknown>) => Promise<unknown>;

const POST_DEFAULTS = { unfurl_links: false, unfurl_media: false } as const;

/**
 * A channel thread, a DM, or a DM thread. `thread` undefined posts at the top level.
 * Whispers are ephemeral in channels and plain messages in DMs (already private).
 */
export function conversationDestination(client: WebClient, at: { channel: string; thread?: string; user: string; isDm: boolean }, outbox: Outbox): Destination {
  const thread = at.thread ? { thread_ts: at.thread } : {};
  // Slack rate-limits posting per channel: one channel's 429 must not hold up the others.
  const key = `channel:${at.channel}`;
  return {
    async post(message) {
      await outbox.send(key, () => client.chat.postMessage({ channel: at.channel, ...thread, ...message, ...POST_DEFAULTS }));
    },
    async whisper(message) {
      if (at.isDm) await outbox.send(key, () => client.chat.postMessage({ channel: at.channel, ...thread, ...message, ...POST_DEFAULTS }));
      else await outbox.send(key, () => client.chat.postEphemeral({ channel: at.channel, user: at.user, ...thread, ...message }));
    },
  };
}

/** A `response_url` (slash commands, shortcuts, buttons): everything stays private to the user. */
export function privateDestination(respond: Respond, outbox: Outbox): Destination {
  // Each response URL is its own destination: its messages keep their order.
  const key = `response:${randomUUID()}`;
  const send = async (message: SlackMessage) => {
    await outbox.send(key, () => respond({ response_type: 'ephemeral', replace_original: false, ...message }));
  };
  return { post: send, whisper: send };
}

/**
 * Public in a channel thread when the app may post there; otherwise the answer goes privately
 * to the user through `response_url`, with a note on how to invite the app.
 */
export function publicOrPrivateDestination(
  client: WebClient,
  respond: Respond,
  at: { channel: string; thread?: string; user: string; isDm: boolean },
  log: Logger,
  outbox: Outbox,
): Destination {
  const open = conversationDestination(client, at, outbox);
  const closed = privateDestination(respond, outbox);
  return {
    async post(message) {
      try {
        await open.post(message);
      } catch (error) {
        if (!isNotInChannel(error)) throw error;
        log.info({ channel: at.channel, ...slackErrorFields(error) }, 'slack: not in channel, answering privately');
        // The note goes first; a message already at the block limit loses its last block (the buttons).
        await closed.post({ text: message.text, blocks: [...renderNote(TEXT.notInChannel).blocks, ...message.blocks].slice(0, MAX_BLOCKS) });
      }
    },
    whisper: closed.whisper,
  };
}
