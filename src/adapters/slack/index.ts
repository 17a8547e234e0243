/**
 * The Slack adapter: a Bolt app that turns mentions, DMs, `/article`, the **Find in article**
 * shortcut and button presses into core requests, and core replies into Block Kit messages.
 * Socket Mode when an app-level token is configured; otherwise HTTP mode with signed requests.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, ErrorCode, HTTPReceiver, SocketModeReceiver, type ReceiverEvent, type webApi } from '@slack/bolt';
import { CredentialError, type SlackConfig } from '../../runtime/config.js';
import type { Adapter } from '../adapter.js';
import type { Logger } from '../../runtime/logger.js';
import type { RouteTable } from '../../http/routes.js';
import type { Metrics } from '../../runtime/metrics.js';
import { memoryStores, STATE_LIMITS, type StateStores } from '../../store/index.js';
import type { InsightsSource } from '../../store/question-log.js';
import { boltLogger } from './bolt-logger.js';
import { registerActions } from './handlers/actions.js';
import { registerAppHome } from './handlers/app-home.js';
import { registerCommand } from './handlers/command.js';
import { registerDirectMessage } from './handlers/direct-message.js';
import { registerMention } from './handlers/mention.js';
import { registerThreadMessage } from './handlers/thread-message.js';
import { registerShortcut } from './handlers/shortcut.js';
import { registerLifecycle } from './handlers/lifecycle.js';
import { installationStore, type InstallationRecords } from './installations.js';
import { UserRateLimit } from '../../delivery/rate-limit.js';
import { TurnQueue } from './turns.js';
import type { CitationLink, SlackMessage } from './render.js';
import { slackErrorFields, type SlackDeps } from './serve.js';
import { hostOf, networkFailure } from '../../runtime/net-errors.js';
import { guardRequests } from './http-guard.js';
import { guardSocketMode } from './socket-guard.js';
import { dropReplays } from './replays.js';
import { classifySlackError } from './retry.js';
import { requestLoad } from '../../delivery/admission.js';
import { DEFAULT_REPLY_DEADLINE_MS, Outbox, type OutboxStats } from '../../delivery/outbox.js';

/** Where HTTP mode receives events, slash commands and interactivity. */
export const EVENTS_PATH = '/slack/events';
/** Many workspaces (OAuth): where an install starts (a redirect to Slack's consent page, with a signed state). */
export const INSTALL_PATH = '/slack/install';
/** Many workspaces (OAuth): where Slack sends the installer back with a code; the app's Redirect URL. */
export const OAUTH_REDIRECT_PATH = '/slack/oauth_redirect';

/**
 * Retries of the Socket Mode client's own calls (`apps.connections.open`). Replies are retried
 * by the outbox instead (per destination, until the reply deadline), so the app's Web client
 * makes one attempt per call and reports a 429 at once rather than pausing every call.
 */
export const DEFAULT_RETRY: webApi.RetryOptions = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000, randomize: true };
/** Ours: one Web API call may take this long before it is abandoned (and retried). */
export const DEFAULT_CALL_TIMEOUT_MS = 10_000;
/** Ours: how long `stop()` waits for answers already being worked on, unless told otherwise. */
const STOP_GRACE_MS = 5_000;

export interface SlackAdapterOptions {
  config: SlackConfig;
  /** The core (a `Pilcrow`). */
  bot: SlackDeps['bot'];
  logger: Logger;
  /** Requests a user may make per minute; more are answered privately with when to retry. */
  rateLimitPerMinute: number;
  /** HTTP mode: the interface to listen on. Default: all interfaces (Slack must reach it). */
  host?: string;
  /** Web API client tuning (tests shorten retries and timeouts). */
  webClient?: { retryConfig?: webApi.RetryOptions; timeout?: number };
  /** Socket Mode tuning (tests shorten the ping timeout so reconnects and shutdown are quick). */
  socketMode?: { clientPingTimeout?: number; serverPingTimeout?: number };
  /** Where Share copies, event de-duplication and rate limits live. Default: this process's memory. */
  state?: StateStores;
  /** Where answers, feedback, rate limiting and ack latency are counted. */
  metrics?: Metrics;
  /** HTTP mode: requests Bolt does not handle (`/healthz`, `/metrics`, …) go to these routes. */
  routes?: RouteTable;
  /** How long a reply is retried (429, 5xx, connection errors) before it is given up. Default 120 s. */
  replyDeadlineMs?: number;
  /** Answers in progress past which new requests are shed with a "busy" note. Default 200. */
  maxPending?: number;
  /** Outbox back-off tuning (tests shorten the waits). */
  retryDelays?: { baseMs?: number; maxMs?: number };
  /** The question log's figures: when set, the App Home tab shows them. */
  insights?: InsightsSource;
  /** Each citation's reader link (`PUBLIC_URL`): the `¶N` labels link to it instead of the article's own address. */
  citationLink?: CitationLink;
  /** Many workspaces (`config.oauth`): where installations (with their sealed tokens) are kept. Required then. */
  installations?: InstallationRecords;
}

/** Load and delivery figures of a running adapter. */
export interface SlackStats {
  /** Answers in progress. */
  active: number;
  /** Requests shed because `maxPending` answers were in progress. */
  shed: number;
  busyNotesDropped: number;
  outbox: OutboxStats;
}

/** The running Slack adapter. */
export interface SlackAdapter extends Adapter {
  /** `socket` when `appToken` is configured, else `http`. */
  readonly mode: 'socket' | 'http';
  /** HTTP mode, once started: the port actually bound (useful with port 0). */
  readonly port: number | undefined;
  /** Load and delivery figures, for metrics. */
  stats(): SlackStats;
}

/**
 * Creates the Slack adapter. Nothing connects until `start()`.
 * @throws Error naming the missing setting when neither Socket Mode nor HTTP mode can run.
 */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { config, bot, logger } = options;
  if (!config.appToken && !config.signingSecret) {
    throw new Error('Slack adapter: set SLACK_APP_TOKEN (xapp-…, Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode, from Basic Information → App Credentials).');
  }
  const oauth = config.oauth;
  if (oauth && (config.appToken || config.botToken)) {
    throw new Error(
      'Slack adapter: many workspaces (SLACK_CLIENT_ID) run in HTTP mode with tokens from installs: leave SLACK_APP_TOKEN and SLACK_BOT_TOKEN empty.',
    );
  }
  if (oauth && !options.installations) throw new Error('Slack adapter: many workspaces (SLACK_CLIENT_ID) need an installation store (the database).');
  if (!oauth && !config.botToken) throw new Error('Slack adapter: set SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID (many workspaces, OAuth).');
  const mode = config.appToken ? 'socket' : 'http';
  const sdkLogger = boltLogger(logger);
  const slackApiUrl = config.apiUrl ?? 'https://slack.com/api/';
  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl,
    // One attempt per call, a 429 reported at once: the outbox retries, per destination.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.webClient?.timeout ?? DEFAULT_CALL_TIMEOUT_MS,
  };

  // The Web clients Bolt's receivers build themselves (Socket Mode's apps.connections.open, the
  // installer's oauth.v2.access) go to the same Slack, with the same timeout and retries.
  const installerClients = {
    slackApiUrl,
    ...(clientOptions.timeout === undefined ? {} : { timeout: clientOptions.timeout }),
    ...(options.webClient?.retryConfig ? { retryConfig: options.webClient.retryConfig } : {}),
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
            clientOptions: installerClients,
          },
        })
      : new HTTPReceiver({
          signingSecret: config.signingSecret!,
          endpoints: EVENTS_PATH,
          logger: sdkLogger,
          // Many workspaces: Bolt's own InstallProvider serves the install flow on the same port
          // and authorizes each request with the token its workspace installed.
          ...(oauth
            ? {
                clientId: oauth.clientId,
                clientSecret: oauth.clientSecret,
                stateSecret: oauth.stateSecret,
                scopes: oauth.scopes,
                installationStore: installationStore(options.installations!, logger),
                installerOptions: {
                  installPath: INSTALL_PATH,
                  redirectUriPath: OAUTH_REDIRECT_PATH,
                  // /slack/install goes straight to Slack's consent page (state in a cookie and the URL).
                  directInstall: true,
                  // oauth.v2.access and the installer's auth.test go to the same Slack as everything else.
                  clientOptions: installerClients,
                },
              }
            : {}),
          // Paths Bolt does not serve fall through to Pilcrow's own routes (health, metrics…), so
          // one port serves both; anything else keeps Bolt's default answer.
          dispatchErrorHandler: async ({ error, request, response }) => {
            if (options.routes && 'code' in error && error.code === ErrorCode.HTTPReceiverDeferredRequestError) {
              await options.routes.dispatch(request, response);
              return;
            }
            logger.warn({ path: request.url?.split('?')[0], method: request.method }, 'slack http: request not handled');
            response.writeHead(404).end();
          },
        });
  // Hostile or malformed payloads are answered here instead of crashing Bolt (see the guards).
  if (receiver instanceof SocketModeReceiver) guardSocketMode(receiver.client, logger);
  else receiver.requestListener = guardRequests(receiver.requestListener, { logger });

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

  // Time from Bolt receiving a request to its ack: wraps each event's ack on its way in.
  if (options.metrics) {
    const histogram = options.metrics.slackAckSeconds;
    const processEvent = app.processEvent.bind(app);
    app.processEvent = (event: ReceiverEvent) => {
      const received = performance.now();
      const ack = event.ack;
      return processEvent({
        ...event,
        ack: (response) => {
          histogram.observe((performance.now() - received) / 1000);
          return ack(response);
        },
      });
    };
  }

  const state = options.state ?? memoryStores();
  const inFlight = new Set<Promise<unknown>>();
  const deps: SlackDeps = {
    bot,
    logger,
    limiter: new UserRateLimit(options.rateLimitPerMinute, {
      limiter: state.rateLimiter('slack:rate', { points: options.rateLimitPerMinute, durationSeconds: 60 }),
      ...(options.metrics ? { onRefused: () => options.metrics!.rateLimited.inc({ platform: 'slack' }) } : {}),
    }),
    turns: new TurnQueue(),
    shares: state.map<SlackMessage>('slack:share', STATE_LIMITS.slackShares),
    seenEvents: state.ledger('slack:event', STATE_LIMITS.slackEvents),
    outbox: new Outbox({
      deadlineMs: options.replyDeadlineMs ?? DEFAULT_REPLY_DEADLINE_MS,
      classify: classifySlackError,
      ...(options.retryDelays?.baseMs !== undefined ? { baseDelayMs: options.retryDelays.baseMs } : {}),
      ...(options.retryDelays?.maxMs !== undefined ? { maxDelayMs: options.retryDelays.maxMs } : {}),
      onRetry: ({ destination, attempt, waitMs, error }) =>
        logger.warn(
          { destination, attempt, waitMs, ...slackErrorFields(error), rateLimited: slackErrorFields(error).slackCode === 'slack_webapi_rate_limited_error' },
          'slack: delivery failed, will retry (rate limit or outage)',
        ),
    }),
    load: requestLoad(options.maxPending),
    admins: config.admins ?? [],
    ...(options.citationLink ? { citationLink: options.citationLink } : {}),
    track(work) {
      inFlight.add(work);
      const done = () => inFlight.delete(work);
      work.then(done, done);
      return work;
    },
  };

  app.use(dropReplays(deps));
  registerMention(app, deps);
  registerDirectMessage(app, deps);
  registerThreadMessage(app, deps);
  registerCommand(app, deps);
  registerShortcut(app, deps);
  registerActions(app, deps);
  if (options.insights) registerAppHome(app, deps, options.insights);
  if (oauth) registerLifecycle(app, deps, options.installations!);
  app.error(async (error) => {
    // Many workspaces: a request from a workspace with no installation (never installed, or
    // uninstalled) is acknowledged and left unanswered; one line, not a stack trace.
    if (oauth && error.code === ErrorCode.AuthorizationError) {
      logger.warn({ reason: error.message }, 'slack: request from a workspace without a usable installation ignored');
      return;
    }
    logger.error({ err: error, ...slackErrorFields(error) }, 'slack listener error');
  });

  let server: Server | undefined;
  let started = false;
  let socketUp = false;
  if (receiver instanceof SocketModeReceiver) {
    receiver.client.on('connected', () => (socketUp = true));
    for (const state of ['reconnecting', 'disconnecting', 'disconnected']) receiver.client.on(state, () => (socketUp = false));
  }

  return {
    name: 'slack',
    mode,
    stats() {
      return { active: deps.load.active, shed: deps.load.shed, busyNotesDropped: deps.load.busyNotesDropped, outbox: deps.outbox.stats };
    },
    get port() {
      const address = server?.address();
      return address && typeof address === 'object' ? (address as AddressInfo).port : undefined;
    },

    async start() {
      try {
        await app.init();
      } catch (error) {
        const network = networkFailure(error);
        if (network) {
          throw new Error(
            `Slack adapter: cannot reach Slack at ${hostOf(slackApiUrl)}: ${network}. The network or DNS is unavailable from here ` +
              `(SLACK_BOT_TOKEN was never checked); check the connection${config.apiUrl ? ` and SLACK_API_URL (${config.apiUrl})` : ', proxy and firewall'}.`,
            { cause: error },
          );
        }
        const fields = slackErrorFields(error);
        const reason = typeof fields.slackError === 'string' ? fields.slackError : error instanceof Error ? error.message : String(error);
        throw new CredentialError(
          `Slack adapter: auth.test failed (${reason}). Check SLACK_BOT_TOKEN (the Bot User OAuth Token, xoxb-…, from OAuth & Permissions)` +
            (config.apiUrl ? ` and SLACK_API_URL (${config.apiUrl}).` : '.'),
          { cause: error },
        );
      }
      if (receiver instanceof SocketModeReceiver) {
        try {
          await receiver.start();
        } catch (error) {
          const network = networkFailure(error);
          const reason = network ?? String(slackErrorFields(error).slackError ?? (error instanceof Error ? error.message : error));
          throw new (network ? Error : CredentialError)(
            network
              ? `Slack adapter: Socket Mode cannot reach Slack: ${network}; check the connection.`
              : `Slack adapter: Socket Mode could not connect (${reason}). Check SLACK_APP_TOKEN (the app-level token, xapp-…, with the connections:write scope, from Basic Information → App-Level Tokens).`,
            { cause: error },
          );
        }
        logger.info({ mode }, 'slack connected (Socket Mode)');
      } else {
        server = await receiver.start({ port: config.port, ...(options.host ? { host: options.host } : {}) });
        logger.info(
          { mode, port: this.port, path: EVENTS_PATH, ...(oauth ? { install: INSTALL_PATH, redirect: OAUTH_REDIRECT_PATH, scopes: oauth.scopes } : {}) },
          oauth ? 'slack listening (HTTP mode, many workspaces)' : 'slack listening (HTTP mode)',
        );
      }
      started = true;
    },

    connected() {
      if (!started) return false;
      // Socket Mode: the WebSocket is up (it reconnects by itself); HTTP mode: the server listens.
      return receiver instanceof SocketModeReceiver ? socketUp : server?.listening === true;
    },

    async stop(graceMs = STOP_GRACE_MS) {
      if (started) {
        started = false;
        await receiver.stop().catch((error: unknown) => logger.warn({ err: error }, 'slack receiver did not stop cleanly'));
      }
      server = undefined;
      if (inFlight.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        const grace = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, graceMs);
        });
        await Promise.race([Promise.allSettled([...inFlight]), grace]);
        clearTimeout(timer);
      }
    },
  };
}
