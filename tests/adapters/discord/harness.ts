/**
 * Starts the fake Discord, the real core on the bundled article, and the Discord adapter (real
 * discord.js client) against them; helpers to read what the bot sent.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import type { Adapter } from '../../../src/adapters/adapter.js';
import { Pilcrow } from '../../../src/core/bot/pilcrow.js';
import type { Reply, Request } from '../../../src/core/types.js';
import { createDiscordAdapter } from '../../../src/adapters/discord/index.js';
import type { Bot } from '../../../src/core/types.js';
import type { InsightsSource } from '../../../src/store/question-log.js';
import { sharedBundledContent } from '../../fixtures/isolated.js';
import { FakeDiscord, type RecordedRequest } from '../../../scripts/demo/fake-discord.js';

/** A temporary copy of the bundled article (never the user's `content/`). */
export const CONTENT_DIR = sharedBundledContent();

/** Log lines captured from the adapter and the core (parsed pino JSON). */
export class LogCapture {
  readonly lines: Array<Record<string, unknown>> = [];
  readonly stream = new Writable({
    write: (chunk: Buffer, _enc, done) => {
      for (const line of String(chunk).split('\n')) if (line.trim()) this.lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  readonly logger = pino({ level: 'debug' }, this.stream);

  find(match: (line: Record<string, unknown>) => boolean): Array<Record<string, unknown>> {
    return this.lines.filter(match);
  }
}

/** A running fake Discord with the adapter connected to it. */
export interface Harness {
  fake: FakeDiscord;
  adapter: Adapter;
  logs: LogCapture;
  /** Hooks into the core, to make it slow or failing for a given text (the edge of the test). */
  hooks: { delayMs: (text: string) => number; failWith: (text: string) => Error | undefined };
  stop(): Promise<void>;
}

/** The text a request carries (question, query or free text). */
export function requestText(request: Request): string {
  const c = request.command;
  return c.kind === 'ask' ? c.question : c.kind === 'text' ? c.text : c.kind === 'search' ? c.query : '';
}

/** Starts everything; `rateLimitPerMinute` defaults to 5 so the rate-limit test stays short. */
export async function startHarness(
  options: {
    rateLimitPerMinute?: number;
    deferAfterMs?: number;
    autocompletePerMinute?: number;
    replyDeadlineMs?: number;
    maxPending?: number;
    core?: Pilcrow;
    insights?: InsightsSource;
    /** The application's flags in the fake (1 << 18: the Message Content intent granted). */
    applicationFlags?: number;
  } = {},
): Promise<Harness> {
  const logs = new LogCapture();
  const fake = await FakeDiscord.start();
  if (options.applicationFlags !== undefined) fake.applicationFlags = options.applicationFlags;
  const core = options.core ?? (await Pilcrow.fromDirectory(CONTENT_DIR, { logger: logs.logger }));
  const hooks: Harness['hooks'] = { delayMs: () => 0, failWith: () => undefined };
  const bot: Bot = {
    get articles() {
      return core.articles;
    },
    async handle(request: Request): Promise<Reply> {
      const text = requestText(request);
      const delay = hooks.delayMs(text);
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      const failure = hooks.failWith(text);
      if (failure) throw failure;
      return core.handle(request);
    },
    articlesFor: (tenant) => core.articlesFor(tenant),
    feedback: (f) => core.feedback(f),
    suggestQuestions: (typed, limit, tenant) => core.suggestQuestions(typed, limit, tenant),
    paragraphChoices: (typed, limit, tenant) => core.paragraphChoices(typed, limit, tenant),
  };
  const adapter = createDiscordAdapter({
    config: { token: 'fake-bot-token', applicationId: '100000000000000001', apiBase: fake.apiBase },
    bot,
    logger: logs.logger,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 5,
    ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
    ...(options.autocompletePerMinute !== undefined ? { autocompletePerMinute: options.autocompletePerMinute } : {}),
    // Replies retried for 3 s: a test outage can outlast the deadline.
    replyDeadlineMs: options.replyDeadlineMs ?? 3_000,
    ...(options.maxPending !== undefined ? { maxPending: options.maxPending } : {}),
    clientOptions: { waitGuildTimeout: 200 },
    ...(options.insights ? { insights: options.insights } : {}),
  });
  await adapter.start();
  return {
    fake,
    adapter,
    logs,
    hooks,
    async stop() {
      await adapter.stop();
      await fake.stop();
    },
  };
}

/** The interaction callback the bot sent for interaction `id`. */
export function isCallback(id: string) {
  return (r: RecordedRequest) => r.method === 'POST' && r.route.startsWith(`/interactions/${id}/`) && r.route.endsWith('/callback');
}

/** A message the bot sent through the interaction's webhook (edit of @original, or a follow-up). */
export function isWebhookMessage(token: string, method: 'PATCH' | 'POST') {
  return (r: RecordedRequest) =>
    r.method === method && (method === 'PATCH' ? r.route.endsWith(`/${token}/messages/%40original`) : r.route.endsWith(`/${token}`));
}

/** A message the bot posted to `channelId`. */
export function isChannelMessage(channelId: string, match: (body: MessageBody) => boolean = () => true) {
  return (r: RecordedRequest) => r.method === 'POST' && r.route === `/channels/${channelId}/messages` && match(r.body as MessageBody);
}

/** The JSON body of a message the bot sent. */
export interface MessageBody {
  content?: string;
  flags?: number;
  embeds?: Array<{
    title?: string;
    description?: string;
    footer?: { text: string };
    fields?: Array<{ name: string; value: string }>;
    url?: string;
  }>;
  components?: Array<{
    type: number;
    components: Array<{ type: number; style: number; label?: string; custom_id?: string; url?: string; emoji?: { name: string } }>;
  }>;
  allowed_mentions?: { parse?: string[]; replied_user?: boolean };
  message_reference?: { message_id: string };
}

/** The callback body: `{ type, data }`. */
export interface CallbackBody {
  type: number;
  data?: MessageBody & { choices?: Array<{ name: string; value: string | number }> };
}

/**
 * The message an interaction was finally answered with: the callback's data (type 4), or the
 * edit of the deferred reply (type 5).
 */
export async function answerTo(
  fake: FakeDiscord,
  interaction: { id: string; token: string },
): Promise<{ callback: CallbackBody; message: MessageBody; ackMs: number }> {
  const request = await fake.waitForRequest(isCallback(interaction.id));
  const callback = request.body as CallbackBody;
  const ackMs = request.at - (fake.dispatchedAt.get(interaction.id) ?? request.at);
  ackTimes.push(ackMs);
  if (callback.type === 5) {
    const edit = await fake.waitForRequest(isWebhookMessage(interaction.token, 'PATCH'));
    return { callback, message: edit.body as MessageBody, ackMs };
  }
  return { callback, message: callback.data ?? {}, ackMs };
}

/** Acknowledgement times seen by `answerTo` (dispatch by the fake → callback at the fake), in ms. */
export const ackTimes: number[] = [];

/** The embed description as a reader sees the words: quote markers, bold and escapes removed. */
export function plain(text: string | undefined): string {
  return (text ?? '').replace(/^> /gm, '').replace(/\*\*/g, '').replace(/\\(.)/g, '$1').replace(/\s+/g, ' ');
}

/** Custom ids of the buttons in a message. */
export function customIdsOf(message: MessageBody): string[] {
  return (message.components ?? []).flatMap((row) => row.components.map((c) => c.custom_id ?? '')).filter(Boolean);
}
