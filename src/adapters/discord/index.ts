/**
 * The Discord adapter: slash commands, a message context-menu command, mentions, threads and DMs,
 * translated to core requests; core replies rendered as embeds with buttons. No answering logic.
 */
import { Events, RESTEvents, type ClientOptions, type Interaction, type Message } from 'discord.js';
import type { DiscordConfig } from '../../config.js';
import type { Adapter } from '../../core/adapter.js';
import type { Logger } from '../../logger.js';
import { createClient } from './client.js';
import { createInteractionHandler } from './interactions.js';
import { createMessageHandler } from './mentions.js';
import { UserRateLimit } from '../../core/rate-limit.js';
import { Responder } from './respond.js';
import type { Bot } from './types.js';

export { commandDefinitions } from './commands/index.js';
export type { Bot } from './types.js';

/** Options of the Discord adapter. */
export interface DiscordAdapterOptions {
  config: DiscordConfig;
  bot: Bot;
  logger: Logger;
  /** Requests a user may make per minute (commands, buttons, mentions; not autocomplete). */
  rateLimitPerMinute: number;
  /** Defer the acknowledgement when the core takes longer than this. Default 1,000 ms (Discord allows 3 s). */
  deferAfterMs?: number;
  /** Extra discord.js client options, e.g. a shorter `waitGuildTimeout` in tests. */
  clientOptions?: Partial<ClientOptions>;
}

/** How long `stop()` waits for requests in flight before disconnecting. */
const DRAIN_MS = 5_000;

/** Creates the Discord adapter. `start()` logs in and resolves when the bot is ready. */
export function createDiscordAdapter(options: DiscordAdapterOptions): Adapter {
  const { config, bot, logger } = options;
  if (!config.token) throw new Error('discord adapter: config.token is empty; set DISCORD_TOKEN to the bot token (Developer Portal → Bot → Reset Token).');
  const limiter = new UserRateLimit(options.rateLimitPerMinute);
  const responder = new Responder({
    bot,
    logger,
    deferAfterMs: options.deferAfterMs ?? 1_000,
    ...(config.addPermission ? { addPermission: config.addPermission } : {}),
  });
  const onInteraction = createInteractionHandler({ bot, logger, limiter, responder });
  const onMessage = createMessageHandler({ bot, logger, limiter });
  const client = createClient(config, options.clientOptions);
  const inFlight = new Set<Promise<void>>();
  // Handlers catch their own errors; this is the last net, so nothing becomes an unhandled rejection.
  const track = (work: Promise<void>) => {
    const settled = work.catch((err: unknown) => logger.error({ err }, 'discord: unexpected error in a handler'));
    inFlight.add(settled);
    void settled.finally(() => inFlight.delete(settled));
  };

  client.on(Events.InteractionCreate, (interaction: Interaction) => track(onInteraction(interaction)));
  client.on(Events.MessageCreate, (message: Message) => track(onMessage(message)));
  client.on(Events.Error, (err) => logger.error({ err }, 'discord: client error'));
  client.on(Events.Warn, (message) => logger.warn({ detail: message }, 'discord: client warning'));
  client.on(Events.ShardDisconnect, (event, shardId) => logger.warn({ shardId, code: event.code }, 'discord: gateway disconnected'));
  client.on(Events.ShardReconnecting, (shardId) => logger.info({ shardId }, 'discord: gateway reconnecting'));
  client.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, 'discord: gateway resumed'));
  client.on(Events.ShardError, (err, shardId) => logger.error({ err, shardId }, 'discord: gateway error'));
  client.rest.on(RESTEvents.RateLimited, (info) =>
    logger.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'discord: REST rate limited'),
  );

  return {
    name: 'discord',

    async start() {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      try {
        await client.login(config.token);
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        throw new Error(
          `discord adapter: could not connect (${reason}). Check DISCORD_TOKEN (Developer Portal → Bot → Reset Token)` +
            (config.apiBase ? ` and DISCORD_API_BASE (${config.apiBase}).` : '.'),
          { cause: err },
        );
      }
      await ready;
      logger.info(
        { user: client.user?.tag, applicationId: client.application?.id, guilds: client.guilds.cache.size },
        'discord: connected',
      );
    },

    async stop() {
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((resolve) => setTimeout(resolve, DRAIN_MS).unref())]);
      client.removeAllListeners();
      await client.destroy();
    },
  };
}
