/**
 * Test harness: the real Slack adapter (real Bolt app) on the real core and bundled article,
 * talking to the fake Slack on 127.0.0.1; signed HTTP requests and Slack-shaped payloads;
 * a pino logger writing into an array so tests can read the log.
 */
import { createHmac } from 'node:crypto';
import type { SlackConfig } from '../../../src/runtime/config.js';
import { Pilcrow } from '../../../src/core/bot/pilcrow.js';
import { createLogger, type Logger } from '../../../src/runtime/logger.js';
import { createSlackAdapter, EVENTS_PATH, type SlackAdapter } from '../../../src/adapters/slack/index.js';
import type { Bot } from '../../../src/core/types.js';
import type { InsightsSource } from '../../../src/store/question-log.js';
import { sharedBundledContent } from '../../fixtures/isolated.js';
import { APP_ID, FakeSlack, TEAM_ID, type Block } from '../../../scripts/demo/fake-slack.js';

export const SIGNING_SECRET = 'test-signing-secret';
/** A temporary copy of the bundled article (never the user's `content/`). */
export const CONTENT_DIR = sharedBundledContent();

/** A log line as pino wrote it. */
export type LogLine = Record<string, unknown> & { level: number; msg?: string };

export function captureLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = createLogger('debug', { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { logger, lines };
}

let sharedBot: Promise<Pilcrow> | undefined;
/** The real core on the bundled article (loaded once per test file). */
export function realBot(): Promise<Pilcrow> {
  sharedBot ??= Pilcrow.fromDirectory(CONTENT_DIR);
  return sharedBot;
}

export interface Harness {
  fake: FakeSlack;
  adapter: SlackAdapter;
  lines: LogLine[];
  close(): Promise<void>;
}

/** Starts the fake Slack and the adapter (HTTP mode unless `socket`), with short Web API retries. */
export async function startHarness(
  options: {
    socket?: boolean;
    rateLimitPerMinute?: number;
    bot?: Pick<Bot, 'handle' | 'feedback'>;
    replyDeadlineMs?: number;
    maxPending?: number;
    admins?: string[];
    insights?: InsightsSource;
  } = {},
): Promise<Harness> {
  const fake = await new FakeSlack().start();
  const { logger, lines } = captureLogger();
  const config: SlackConfig = {
    botToken: 'xoxb-test-token',
    ...(options.socket ? { appToken: 'xapp-test-token' } : { signingSecret: SIGNING_SECRET }),
    apiUrl: fake.apiUrl,
    port: 0,
    ...(options.admins ? { admins: options.admins } : {}),
  };
  const adapter = createSlackAdapter({
    config,
    bot: options.bot ?? (await realBot()),
    logger,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 1000,
    host: '127.0.0.1',
    // Two quick retries: enough to ride out one 500 or 429, short enough for a test.
    webClient: { retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 20 }, timeout: 3000 },
    socketMode: { clientPingTimeout: 1000 },
    // Replies retried for 3 s with short waits: a test outage can outlast the deadline.
    replyDeadlineMs: options.replyDeadlineMs ?? 3000,
    retryDelays: { baseMs: 10, maxMs: 50 },
    ...(options.maxPending !== undefined ? { maxPending: options.maxPending } : {}),
    ...(options.insights ? { insights: options.insights } : {}),
  });
  await adapter.start();
  return {
    fake,
    adapter,
    lines,
    async close() {
      await adapter.stop();
      await fake.stop();
    },
  };
}

// ── signed HTTP requests ─────────────────────────────────────────────────────

export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** POSTs `body` to the adapter's events endpoint, signed (or mis-signed) as Slack would. */
export async function postSigned(
  adapter: SlackAdapter,
  body: string,
  options: { contentType?: string; timestamp?: number; signature?: string } = {},
): Promise<{ status: number; text: string }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const res = await fetch(`http://127.0.0.1:${adapter.port}${EVENTS_PATH}`, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/json',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? sign(body, timestamp),
    },
    body,
  });
  return { status: res.status, text: await res.text() };
}

/** Sends an Events API callback over HTTP. */
export function postEvent(adapter: SlackAdapter, envelope: object) {
  return postSigned(adapter, JSON.stringify(envelope));
}

/** Sends a slash command over HTTP (form-encoded, as Slack does). */
export function postCommand(adapter: SlackAdapter, fields: Record<string, string>) {
  return postSigned(adapter, new URLSearchParams(fields).toString(), { contentType: 'application/x-www-form-urlencoded' });
}

/** Sends an interactivity payload (button, shortcut) over HTTP: `payload=<json>`, form-encoded. */
export function postInteraction(adapter: SlackAdapter, payload: object) {
  return postSigned(adapter, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), {
    contentType: 'application/x-www-form-urlencoded',
  });
}

// ── Slack-shaped payloads ────────────────────────────────────────────────────

let counter = 0;
/** A fresh message ts (distinct from the fake's own). */
export function nextTs(): string {
  counter += 1;
  return `1600000000.${String(counter).padStart(6, '0')}`;
}

export function eventEnvelope(event: Record<string, unknown>): Record<string, unknown> {
  counter += 1;
  return {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    api_app_id: APP_ID,
    event,
    type: 'event_callback',
    event_id: `Ev${String(counter).padStart(8, '0')}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM_ID, user_id: 'UBOT0001', is_bot: true, is_enterprise_install: false }],
  };
}

export function appMention(o: { text: string; user: string; channel: string; ts?: string; thread_ts?: string; bot_id?: string }) {
  const ts = o.ts ?? nextTs();
  return eventEnvelope({
    type: 'app_mention',
    user: o.user,
    text: o.text,
    ts,
    channel: o.channel,
    event_ts: ts,
    ...(o.thread_ts ? { thread_ts: o.thread_ts } : {}),
    ...(o.bot_id ? { bot_id: o.bot_id } : {}),
  });
}

export function directMessage(o: { text: string; user: string; channel: string; ts?: string; thread_ts?: string; bot_id?: string; subtype?: string }) {
  const ts = o.ts ?? nextTs();
  return eventEnvelope({
    type: 'message',
    channel_type: 'im',
    user: o.user,
    text: o.text,
    ts,
    channel: o.channel,
    event_ts: ts,
    ...(o.thread_ts ? { thread_ts: o.thread_ts } : {}),
    ...(o.bot_id ? { bot_id: o.bot_id } : {}),
    ...(o.subtype ? { subtype: o.subtype } : {}),
  });
}

export function slashCommand(o: { text: string; user: string; channel: string; responseUrl: string }): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    team_domain: 'test',
    channel_id: o.channel,
    channel_name: 'general',
    user_id: o.user,
    user_name: 'tester',
    command: '/article',
    text: o.text,
    api_app_id: APP_ID,
    response_url: o.responseUrl,
    trigger_id: `trigger-1-${nextTs()}`,
  };
}

export function buttonPress(o: {
  button: { action_id: string; value?: string };
  user: string;
  channel: string;
  responseUrl: string;
  message?: { ts: string; thread_ts?: string };
  ephemeral?: boolean;
}) {
  return {
    type: 'block_actions',
    team: { id: TEAM_ID, domain: 'test' },
    user: { id: o.user, username: 'tester', name: 'tester', team_id: TEAM_ID },
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    container: o.ephemeral
      ? { type: 'message', message_ts: nextTs(), channel_id: o.channel, is_ephemeral: true }
      : { type: 'message', message_ts: o.message?.ts, channel_id: o.channel, is_ephemeral: false },
    trigger_id: `trigger-2-${nextTs()}`,
    channel: { id: o.channel, name: 'general' },
    ...(o.ephemeral || !o.message ? {} : { message: { type: 'message', user: 'UBOT0001', bot_id: 'BBOT0001', text: 'answer', ...o.message } }),
    response_url: o.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: o.button.action_id,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'x', emoji: true },
        value: o.button.value,
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
}

export function messageShortcut(o: { text: string; user: string; channel: string; responseUrl: string; message: { ts: string; thread_ts?: string } }) {
  return {
    type: 'message_action',
    token: 'legacy-verification-token',
    action_ts: String(Date.now() / 1000),
    team: { id: TEAM_ID, domain: 'test' },
    user: { id: o.user, name: 'tester', username: 'tester', team_id: TEAM_ID },
    channel: { id: o.channel, name: 'general' },
    is_enterprise_install: false,
    callback_id: 'find_in_article',
    trigger_id: `trigger-3-${nextTs()}`,
    response_url: o.responseUrl,
    message_ts: o.message.ts,
    message: { type: 'message', user: 'U0OTHER', text: o.text, ...o.message },
  };
}

// ── reading what was posted ──────────────────────────────────────────────────

/** All mrkdwn/plain text of a message's blocks, joined by newlines. */
export function blocksText(blocks: Block[] | undefined): string {
  const out: string[] = [];
  for (const b of blocks ?? []) {
    if (b.text) out.push(b.text.text);
    for (const e of b.elements ?? []) {
      if (typeof e.text === 'string') out.push(e.text);
      else if (e.text) out.push(e.text.text);
    }
  }
  return out.join('\n');
}

/** Every button in a message's blocks (accessories and actions). */
export function buttons(blocks: Block[] | undefined): Array<{ action_id: string; value: string; text: string }> {
  const out: Array<{ action_id: string; value: string; text: string }> = [];
  for (const b of blocks ?? []) {
    if (b.accessory?.type === 'button') out.push({ action_id: b.accessory.action_id!, value: b.accessory.value ?? '', text: b.accessory.text?.text ?? '' });
    if (b.type === 'actions') {
      for (const e of b.elements ?? []) {
        if (e.type === 'button') out.push({ action_id: e.action_id!, value: e.value ?? '', text: typeof e.text === 'object' ? e.text.text : '' });
      }
    }
  }
  return out;
}

export function button(blocks: Block[] | undefined, actionIdPrefix: string) {
  const found = buttons(blocks).find((b) => b.action_id.startsWith(actionIdPrefix));
  if (!found) throw new Error(`no button ${actionIdPrefix} in ${JSON.stringify(blocks)}`);
  return found;
}
