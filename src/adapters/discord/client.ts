/** The discord.js client Pilcrow runs on: only the intents it needs. */
import { Client, GatewayIntentBits, Options, Partials, type ClientOptions } from 'discord.js';
import type { DiscordConfig } from '../../runtime/config.js';
import { boundedRateLimitWaits } from './api-rate-limits.js';

/**
 * The gateway intents, none privileged:
 * - `Guilds`: the servers, channels and threads (interactions and replies in threads need them cached);
 * - `GuildMessages`: messages in server channels and threads, to see `@Pilcrow` mentions (their
 *   content arrives without the privileged Message Content intent because they mention the bot);
 * - `DirectMessages`: DMs to the bot (whose content always arrives).
 */
export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages] as const;

/** Most entries discord.js keeps per cache: messages per channel, users, members per server. */
export const CACHE_LIMITS = { messages: 20, users: 1_000, members: 200 } as const;

/** Creates the client; `extra` is for tests and tuning (e.g. a shorter `waitGuildTimeout`). */
export function createClient(config: DiscordConfig, extra: Partial<ClientOptions> = {}, replyDeadlineMs = 120_000): Client {
  return new Client({
    intents: [...INTENTS],
    // DM channels are not in the cache until a DM arrives; without this partial, DMs are dropped.
    partials: [Partials.Channel],
    allowedMentions: { parse: [] },
    // Pilcrow replies to the message that triggered it and needs no message history, nor a
    // record of everyone it ever answered: users and members are capped (least recent go first),
    // so memory stays bounded however many people use the bot. The bot's own entries stay.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: CACHE_LIMITS.messages,
      UserManager: { maxSize: CACHE_LIMITS.users, keepOverLimit: (user) => user.id === user.client.user?.id },
      GuildMemberManager: { maxSize: CACHE_LIMITS.members, keepOverLimit: (member) => member.id === member.client.user?.id },
    }),
    ...extra,
    // discord.js appends `/v10/…` to `api`; a trailing slash would double it.
    rest: {
      // Bounded waits on 429s (discord.js alone retries them forever); tests may override.
      rejectOnRateLimit: boundedRateLimitWaits(replyDeadlineMs),
      ...extra.rest,
      ...(config.apiBase ? { api: config.apiBase.replace(/\/+$/, '') } : {}),
    },
  });
}
