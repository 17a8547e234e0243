/**
 * Gateway close codes after which discord.js stops reconnecting: the bot is dead until someone
 * fixes the application or the token. Each gets one line saying what happened and what to do.
 */
import { GatewayCloseCodes } from 'discord.js';

const FATAL: Partial<Record<number, string>> = {
  [GatewayCloseCodes.AuthenticationFailed]:
    'Discord closed the gateway with 4004 (authentication failed): the bot token was revoked or reset. Put the current token (Developer Portal → Bot → Reset Token) in DISCORD_TOKEN and restart.',
  [GatewayCloseCodes.DisallowedIntents]:
    'Discord closed the gateway with 4014 (disallowed intents): the application may not use an intent Pilcrow asked for. Pilcrow needs only Guilds, Guild Messages and Direct Messages; check the bot on Developer Portal → Bot (and that the application is not disabled or unverified), then restart.',
  [GatewayCloseCodes.InvalidIntents]:
    'Discord closed the gateway with 4013 (invalid intents): the intents value was refused. This is a Pilcrow bug; please report it.',
  [GatewayCloseCodes.InvalidShard]: 'Discord closed the gateway with 4010 (invalid shard). Restart; report it if it persists.',
  [GatewayCloseCodes.ShardingRequired]:
    'Discord closed the gateway with 4011 (sharding required): the bot is in too many servers for one connection. Set DISCORD_SHARDS=auto (one process), or DISCORD_SHARDING=process with REDIS_URL (a process per shard), and restart.',
  [GatewayCloseCodes.InvalidAPIVersion]: 'Discord closed the gateway with 4012 (invalid API version): upgrade discord.js.',
};

/** The one-line cause for a close code discord.js will not recover from; `undefined` otherwise. */
export function fatalCloseMessage(code: number): string | undefined {
  return FATAL[code];
}
