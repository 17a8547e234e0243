/**
 * The one path every Slack request takes: rate limit → core → render → deliver, with failures
 * logged in full and answered to the user in one short, private line.
 */
import type { webApi } from '@slack/bolt';
import type { LRUCache } from 'lru-cache';
import type { AddPermission, Feedback, Reply, Request } from '../../core/types.js';
import type { Logger } from '../../logger.js';
import { rateLimitMessage, type UserRateLimit } from '../../core/rate-limit.js';
import type { TurnQueue } from './turns.js';
import { MAX_BLOCKS, renderNote, type SlackMessage } from './render.js';

/** What the adapter needs from the core (a `Pilcrow` satisfies it). */
export interface SlackBot {
  handle(request: Request): Promise<Reply>;
  feedback(feedback: Feedback): void;
}

/** Shared state of one running adapter. */
export interface SlackDeps {
  bot: SlackBot;
  logger: Logger;
  limiter: UserRateLimit;
  /** Public copies of private answers, for **Share in channel**, by share key. */
  shares: LRUCache<string, SlackMessage>;
  /** Event ids already handled: Slack redelivers an event when it thinks an ack was lost. */
  seenEvents: LRUCache<string, true>;
  /** Where the CPU part of answering runs: one answer per event-loop turn, acks in between. */
  turns: TurnQueue;
  /** Registers in-flight work so `stop()` can wait for it. */
  track<T>(work: Promise<T>): Promise<T>;
  /** User ids who may add articles (`SLACK_ADMINS`); empty or unset: everyone. */
  admins?: readonly string[];
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
  error: 'Sorry, something went wrong on my side while answering. Please try again in a moment.',
  expired: "That answer is no longer available to share. Ask again with /article and share the new answer.",
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
  render: (reply: Reply) => SlackMessage,
): Promise<void> {
  const log = deps.logger.child({ origin, conversationId: request.conversationId, userId: request.userId });
  const decision = await deps.limiter.take(request.userId);
  if (!decision.allowed) {
    log.info({ retryAfterMs: decision.retryAfterMs }, 'slack request rate limited');
    const note = rateLimitMessage(decision.retryAfterMs, deps.limiter.perMinute);
    await deliver(log, 'whisper', () => destination.whisper(renderNote(note)));
    return;
  }

  const started = performance.now();
  let reply: Reply;
  let message: SlackMessage;
  try {
    [reply, message] = await deps.turns.run(async () => {
      const r = await deps.bot.handle(request);
      return [r, render(r)] as const;
    });
  } catch (error) {
    log.error({ err: error, command: request.command.kind }, 'slack request failed in the core or renderer');
    await deliver(log, 'whisper', () => destination.whisper(renderNote(TEXT.error)));
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
  if (!posted) await deliver(log, 'whisper', () => destination.whisper(renderNote(TEXT.error)));
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
export function conversationDestination(
  client: WebClient,
  at: { channel: string; thread?: string; user: string; isDm: boolean },
): Destination {
  const thread = at.thread ? { thread_ts: at.thread } : {};
  return {
    async post(message) {
      await client.chat.postMessage({ channel: at.channel, ...thread, ...message, ...POST_DEFAULTS });
    },
    async whisper(message) {
      if (at.isDm) await client.chat.postMessage({ channel: at.channel, ...thread, ...message, ...POST_DEFAULTS });
      else await client.chat.postEphemeral({ channel: at.channel, user: at.user, ...thread, ...message });
    },
  };
}

/** A `response_url` (slash commands, shortcuts, buttons): everything stays private to the user. */
export function privateDestination(respond: Respond): Destination {
  const send = async (message: SlackMessage) => {
    await respond({ response_type: 'ephemeral', replace_original: false, ...message });
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
): Destination {
  const open = conversationDestination(client, at);
  const closed = privateDestination(respond);
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
