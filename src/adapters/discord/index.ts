/**
 * The Discord adapter: slash commands, a message context-menu command, mentions, threads and DMs,
 * translated to core requests; core replies rendered as embeds with buttons. No answering logic.
 */
import {
  ApplicationFlags,
  Events,
  GatewayIntentBits,
  IntentsBitField,
  RESTEvents,
  Routes,
  type ClientOptions,
  type Interaction,
  type Message,
} from 'discord.js';
import { CredentialError, type DiscordConfig } from '../../runtime/config.js';
import type { Adapter } from '../adapter.js';
import type { Logger } from '../../runtime/logger.js';
import type { Metrics } from '../../runtime/metrics.js';
import { memoryStores, STATE_LIMITS, type StateStores } from '../../store/index.js';
import { hostOf, networkFailure } from '../../runtime/net-errors.js';
import { createClient, INTENTS } from './client.js';
import { fatalCloseMessage } from './close-codes.js';
import { Outbox } from '../../delivery/outbox.js';
import { requestLoad } from '../../delivery/admission.js';
import { DEFAULT_REPLY_DEADLINE_MS } from '../../delivery/outbox.js';
import { classifyDiscordError } from './retry.js';
import { createInteractionHandler } from './interactions.js';
import { createMessageHandler } from './mentions.js';
import { UserRateLimit } from '../../delivery/rate-limit.js';
import { Responder } from './respond.js';
import type { CitationLink } from './render.js';
import type { Bot } from '../../core/types.js';

import type { InsightsSource } from '../../store/question-log.js';

export { commandDefinitions } from './commands/index.js';

/** Options of the Discord adapter. */
export interface DiscordAdapterOptions {
  config: DiscordConfig;
  bot: Bot;
  logger: Logger;
  /** Requests a user may make per minute (commands, buttons, mentions; not autocomplete). */
  rateLimitPerMinute: number;
  /** How long a reply is retried (rate limits, 5xx, network errors) before it is given up. Default 120 s. */
  replyDeadlineMs?: number;
  /** Answers in progress past which new requests are shed with a "busy" reply. Default 200. */
  maxPending?: number;
  /** Autocomplete requests a user may make per minute; past it, suggestions are empty. Default 120. */
  autocompletePerMinute?: number;
  /** Defer the acknowledgement when the core takes longer than this. Default 1,000 ms (Discord allows 3 s). */
  deferAfterMs?: number;
  /** Extra discord.js client options, e.g. a shorter `waitGuildTimeout` in tests, or `shards`. */
  clientOptions?: Partial<ClientOptions>;
  /** Where rate limits and event claims live. Default: this process's memory. */
  state?: StateStores;
  /** Where rate limiting and the gateway ping are recorded. */
  metrics?: Metrics;
  /**
   * Called once with a one-line cause when the gateway closes for good after start-up (revoked
   * token, refused intents): the process should exit non-zero so a supervisor notices.
   */
  onFatal?: (cause: string) => void;
  /** The question log's figures, for `/insights`. */
  insights?: InsightsSource;
  /** Each citation's reader link (`PUBLIC_URL`): the `¶N` labels link to it. */
  citationLink?: CitationLink;
}

/** Autocomplete budget per user: two keystrokes a second, sustained for a minute. */
export const DEFAULT_AUTOCOMPLETE_PER_MINUTE = 120;

/** How long `stop()` waits for requests in flight before disconnecting, unless told otherwise. */
const DRAIN_MS = 5_000;

/** Creates the Discord adapter. `start()` logs in and resolves when the bot is ready. */
export function createDiscordAdapter(options: DiscordAdapterOptions): Adapter {
  const { config, bot, logger, metrics } = options;
  if (!config.token) throw new Error('discord adapter: config.token is empty; set DISCORD_TOKEN to the bot token (Developer Portal → Bot → Reset Token).');
  const state = options.state ?? memoryStores();
  const limiter = new UserRateLimit(options.rateLimitPerMinute, {
    limiter: state.rateLimiter('discord:rate', { points: options.rateLimitPerMinute, durationSeconds: 60 }),
    ...(metrics ? { onRefused: () => metrics.rateLimited.inc({ platform: 'discord' }) } : {}),
  });
  const outbox = new Outbox({
    deadlineMs: options.replyDeadlineMs ?? DEFAULT_REPLY_DEADLINE_MS,
    classify: classifyDiscordError,
    onRetry: ({ destination, attempt, waitMs, error }) =>
      logger.warn({ destination, attempt, waitMs, err: error }, 'discord: delivery failed, will retry (rate limit or outage)'),
  });
  const load = requestLoad(options.maxPending);
  const responder = new Responder({
    bot,
    logger,
    limiter,
    deferAfterMs: options.deferAfterMs ?? 1_000,
    outbox,
    load,
    ...(config.addPermission ? { addPermission: config.addPermission } : {}),
    ...(options.insights ? { insights: options.insights } : {}),
    ...(options.citationLink ? { citationLink: options.citationLink } : {}),
  });
  // Autocomplete runs on every keystroke: its budget stays in this process (no Redis round trip).
  const autocompleteLimiter = new UserRateLimit(options.autocompletePerMinute ?? DEFAULT_AUTOCOMPLETE_PER_MINUTE);
  const onInteraction = createInteractionHandler({ bot, logger, limiter, autocompleteLimiter, responder });
  // Set at start from the application's flags: whether the Message Content intent is granted.
  let readsThreads = false;
  const onMessage = createMessageHandler({
    bot,
    logger,
    limiter,
    outbox,
    load,
    readsThreads: () => readsThreads,
    ...(options.citationLink ? { citationLink: options.citationLink } : {}),
  });
  const client = createClient(config, options.clientOptions, options.replyDeadlineMs ?? DEFAULT_REPLY_DEADLINE_MS);
  // -1 until the first heartbeat is acknowledged.
  metrics?.watchDiscordPing(() => (client.ws.ping >= 0 ? client.ws.ping : undefined));
  const inFlight = new Set<Promise<void>>();
  // Handlers catch their own errors; this is the last net, so nothing becomes an unhandled rejection.
  const track = (work: Promise<void>) => {
    const settled = work.catch((err: unknown) => logger.error({ err }, 'discord: unexpected error in a handler'));
    inFlight.add(settled);
    void settled.finally(() => inFlight.delete(settled));
  };

  // Two processes holding the same shard (a rolling deploy's overlap) both receive its events:
  // with shared state, only the first claim of an event is answered. Autocomplete, answered on
  // every keystroke, and messages that are neither DMs nor mentions (most of a server's
  // traffic, ignored anyway) are not worth a round trip.
  const events = state.ledger('discord:event', STATE_LIMITS.discordEvents);
  const firstClaim = (id: string) => (state.kind === 'memory' ? Promise.resolve(true) : events.claim(id));
  client.on(Events.InteractionCreate, (interaction: Interaction) =>
    track(
      interaction.isAutocomplete()
        ? onInteraction(interaction)
        : firstClaim(`i:${interaction.id}`).then((first) => (first ? onInteraction(interaction) : undefined)),
    ),
  );
  client.on(Events.MessageCreate, (message: Message) => {
    const mayAnswer =
      message.channel.isDMBased() ||
      message.mentions.users.has(client.user?.id ?? '') ||
      message.mentions.roles.size > 0 ||
      (readsThreads && message.channel.isThread());
    track(mayAnswer ? firstClaim(`m:${message.id}`).then((first) => (first ? onMessage(message) : undefined)) : onMessage(message));
  });
  client.on(Events.Error, (err) => logger.error({ err }, 'discord: client error'));
  client.on(Events.Warn, (message) => logger.warn({ detail: message }, 'discord: client warning'));
  // A close discord.js will not recover from: fail start-up, or report it so the process exits.
  let fatal: string | undefined;
  let onStartFatal: ((cause: string) => void) | undefined;
  let ready = false;
  client.on(Events.ShardDisconnect, (event, shardId) => {
    const cause = fatalCloseMessage(event.code);
    if (!cause) {
      logger.warn({ shardId, code: event.code }, 'discord: gateway disconnected');
      return;
    }
    logger.fatal({ shardId, code: event.code, event: 'discord.fatal' }, cause);
    if (fatal) return;
    fatal = cause;
    if (ready) options.onFatal?.(cause);
    else onStartFatal?.(cause);
  });
  client.on(Events.ShardReconnecting, (shardId) => logger.info({ shardId }, 'discord: gateway reconnecting'));
  client.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, 'discord: gateway resumed'));
  client.on(Events.ShardError, (err, shardId) => logger.error({ err, shardId }, 'discord: gateway error'));
  client.rest.on(RESTEvents.RateLimited, (info) =>
    logger.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'discord: REST rate limited'),
  );

  return {
    name: 'discord',

    async start() {
      const connected = new Promise<void>((resolve, reject) => {
        client.once(Events.ClientReady, () => resolve());
        onStartFatal = (cause) => reject(new CredentialError(`discord adapter: ${cause}`));
      });
      // Observed below; this keeps a fatal close during login from going unhandled meanwhile.
      connected.catch(() => undefined);
      readsThreads = await messageContentGranted(client, config.token);
      if (readsThreads) client.options.intents = new IntentsBitField([...INTENTS, GatewayIntentBits.MessageContent]);
      else {
        logger.warn(
          { event: 'discord.message_content' },
          'discord: the Message Content intent is not enabled for this bot, so follow mode cannot read thread messages (Developer Portal → Bot → Privileged Gateway Intents → Message Content). Mentions, slash commands and DMs work as before.',
        );
      }
      try {
        await client.login(config.token);
      } catch (err) {
        if (fatal) throw new CredentialError(`discord adapter: ${fatal}`, { cause: err });
        const reason = err instanceof Error ? err.message : String(err);
        const network = networkFailure(err);
        if (network) {
          throw new Error(
            `discord adapter: cannot reach Discord at ${hostOf(config.apiBase ?? 'https://discord.com/api')}: ${network}. ` +
              'The network or DNS is unavailable from here (the token was never checked); check the connection' +
              (config.apiBase ? ` and DISCORD_API_BASE (${config.apiBase}).` : ', proxy and firewall.'),
            { cause: err },
          );
        }
        throw new CredentialError(
          `discord adapter: could not connect (${reason}). Check DISCORD_TOKEN (Developer Portal → Bot → Reset Token)` +
            (config.apiBase ? ` and DISCORD_API_BASE (${config.apiBase}).` : '.'),
          { cause: err },
        );
      }
      await connected;
      ready = true;
      logger.info({ user: client.user?.tag, applicationId: client.application?.id, guilds: client.guilds.cache.size }, 'discord: connected');
    },

    connected() {
      return client.isReady();
    },

    async stop(graceMs = DRAIN_MS) {
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
      client.removeAllListeners();
      await client.destroy();
    },
  };
}

/**
 * Whether the application may receive message content (the privileged intent, granted in the
 * Developer Portal): asked of `GET /applications/@me` before logging in, so the intent is requested
 * only when Discord would accept it. Any failure reads as "no": login then reports a bad token or
 * an unreachable Discord in its own words.
 */
async function messageContentGranted(client: ReturnType<typeof createClient>, token: string): Promise<boolean> {
  try {
    client.rest.setToken(token);
    const app = (await client.rest.get(Routes.currentApplication())) as { flags?: number };
    const granted = ApplicationFlags.GatewayMessageContent | ApplicationFlags.GatewayMessageContentLimited;
    return ((app.flags ?? 0) & granted) !== 0;
  } catch {
    return false;
  }
}
