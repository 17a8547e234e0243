/**
 * The Slack adapter: a Bolt app that turns mentions, DMs, `/article`, the **Find in article**
 * shortcut and button presses into core requests, and core replies into Block Kit messages.
 * Socket Mode when an app-level token is configured; otherwise HTTP mode with signed requests.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver, type webApi } from '@slack/bolt';
import { LRUCache } from 'lru-cache';
import type { SlackConfig } from '../../config.js';
import type { Adapter } from '../../core/adapter.js';
import type { Logger } from '../../logger.js';
import { boltLogger } from './bolt-logger.js';
import { registerActions } from './handlers/actions.js';
import { registerCommand } from './handlers/command.js';
import { registerDirectMessage } from './handlers/direct-message.js';
import { registerMention } from './handlers/mention.js';
import { registerShortcut } from './handlers/shortcut.js';
import { UserRateLimit } from '../../core/rate-limit.js';
import { TurnQueue } from './turns.js';
import type { SlackMessage } from './render.js';
import { slackErrorFields, type SlackBot, type SlackDeps } from './serve.js';

export type { SlackBot } from './serve.js';

/** Where HTTP mode receives events, slash commands and interactivity. */
export const EVENTS_PATH = '/slack/events';

/**
 * Web API retries: a reply older than a minute is no use in a chat, so a few quick retries
 * (each 429 additionally waits its Retry-After) rather than the SDK's half-hour default.
 */
export const DEFAULT_RETRY: webApi.RetryOptions = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000, randomize: true };
/** Ours: one Web API call may take this long before it is abandoned (and retried). */
export const DEFAULT_CALL_TIMEOUT_MS = 10_000;
/** Ours: how long `stop()` waits for answers already being worked on. */
const STOP_GRACE_MS = 5_000;

export interface SlackAdapterOptions {
  config: SlackConfig;
  /** The core (a `Pilcrow`). */
  bot: SlackBot;
  logger: Logger;
  /** Requests a user may make per minute; more are answered privately with when to retry. */
  rateLimitPerMinute: number;
  /** HTTP mode: the interface to listen on. Default: all interfaces (Slack must reach it). */
  host?: string;
  /** Web API client tuning (tests shorten retries and timeouts). */
  webClient?: { retryConfig?: webApi.RetryOptions; timeout?: number };
  /** Socket Mode tuning (tests shorten the ping timeout so reconnects and shutdown are quick). */
  socketMode?: { clientPingTimeout?: number; serverPingTimeout?: number };
}

/** The running Slack adapter. */
export interface SlackAdapter extends Adapter {
  /** `socket` when `appToken` is configured, else `http`. */
  readonly mode: 'socket' | 'http';
  /** HTTP mode, once started: the port actually bound (useful with port 0). */
  readonly port: number | undefined;
}

/**
 * Creates the Slack adapter. Nothing connects until `start()`.
 * @throws Error naming the missing setting when neither Socket Mode nor HTTP mode can run.
 */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { config, bot, logger } = options;
  if (!config.appToken && !config.signingSecret) {
    throw new Error(
      'Slack adapter: set SLACK_APP_TOKEN (xapp-…, Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode, from Basic Information → App Credentials).',
    );
  }
  const mode = config.appToken ? 'socket' : 'http';
  const sdkLogger = boltLogger(logger);
  const slackApiUrl = config.apiUrl ?? 'https://slack.com/api/';
  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl,
    retryConfig: options.webClient?.retryConfig ?? DEFAULT_RETRY,
    timeout: options.webClient?.timeout ?? DEFAULT_CALL_TIMEOUT_MS,
  };

  const receiver =
    mode === 'socket'
      ? new SocketModeReceiver({
          appToken: config.appToken!,
          logger: sdkLogger,
          ...(options.socketMode?.clientPingTimeout ? { clientPingTimeout: options.socketMode.clientPingTimeout } : {}),
          ...(options.socketMode?.serverPingTimeout ? { serverPingTimeout: options.socketMode.serverPingTimeout } : {}),
          // The Socket Mode client builds its own Web client (for apps.connections.open) from these.
          installerOptions: {
            clientOptions: {
              slackApiUrl,
              timeout: clientOptions.timeout,
              ...(options.webClient?.retryConfig ? { retryConfig: options.webClient.retryConfig } : {}),
            },
          },
        })
      : new HTTPReceiver({ signingSecret: config.signingSecret!, endpoints: EVENTS_PATH, logger: sdkLogger });

  const app = new App({
    token: config.botToken,
    receiver,
    logger: sdkLogger,
    clientOptions,
    // auth.test runs in start(), where a bad token can fail with a useful message.
    deferInitialization: true,
    ignoreSelf: true,
    convoStore: false,
  });

  const inFlight = new Set<Promise<unknown>>();
  const deps: SlackDeps = {
    bot,
    logger,
    limiter: new UserRateLimit(options.rateLimitPerMinute),
    turns: new TurnQueue(),
    shares: new LRUCache<string, SlackMessage>({ max: 1000, ttl: 6 * 60 * 60 * 1000 }),
    seenEvents: new LRUCache<string, true>({ max: 10_000, ttl: 60 * 60 * 1000 }),
    admins: config.admins ?? [],
    track(work) {
      inFlight.add(work);
      const done = () => inFlight.delete(work);
      work.then(done, done);
      return work;
    },
  };

  registerMention(app, deps);
  registerDirectMessage(app, deps);
  registerCommand(app, deps);
  registerShortcut(app, deps);
  registerActions(app, deps);
  app.error(async (error) => {
    logger.error({ err: error, ...slackErrorFields(error) }, 'slack listener error');
  });

  let server: Server | undefined;
  let started = false;

  return {
    name: 'slack',
    mode,
    get port() {
      const address = server?.address();
      return address && typeof address === 'object' ? (address as AddressInfo).port : undefined;
    },

    async start() {
      try {
        await app.init();
      } catch (error) {
        const fields = slackErrorFields(error);
        const reason = typeof fields.slackError === 'string' ? fields.slackError : error instanceof Error ? error.message : String(error);
        throw new Error(
          `Slack adapter: auth.test failed (${reason}). Check SLACK_BOT_TOKEN (the Bot User OAuth Token, xoxb-…, from OAuth & Permissions)` +
            (config.apiUrl ? ` and SLACK_API_URL (${config.apiUrl}).` : '.'),
          { cause: error },
        );
      }
      if (receiver instanceof SocketModeReceiver) {
        await receiver.start();
        logger.info({ mode }, 'slack connected (Socket Mode)');
      } else {
        server = await receiver.start({ port: config.port, ...(options.host ? { host: options.host } : {}) });
        logger.info({ mode, port: this.port, path: EVENTS_PATH }, 'slack listening (HTTP mode)');
      }
      started = true;
    },

    async stop() {
      if (started) {
        started = false;
        await receiver.stop().catch((error: unknown) => logger.warn({ err: error }, 'slack receiver did not stop cleanly'));
      }
      server = undefined;
      if (inFlight.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        const grace = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, STOP_GRACE_MS);
        });
        await Promise.race([Promise.allSettled([...inFlight]), grace]);
        clearTimeout(timer);
      }
    },
  };
}
