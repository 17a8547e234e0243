/**
 * `GET /gateway/bot`, asked by the supervisor before it starts any shard: how many shards Discord
 * recommends (`DISCORD_SHARDS=auto`) and how many may identify at once (`max_concurrency`), which
 * sets how far apart the shard processes start.
 *
 * discord.js's ShardingManager can fetch the count itself, but always from discord.com; this asks
 * `DISCORD_API_BASE` when it is set, as the shards themselves do.
 */
import { DiscordAPIError, REST, Routes } from 'discord.js';
import { CredentialError, type DiscordConfig } from '../../../runtime/config.js';
import { hostOf, networkFailure } from '../../../runtime/net-errors.js';

/** What the supervisor needs from `GET /gateway/bot`. */
export interface GatewayPlan {
  /** Shards to run: `DISCORD_SHARDS`, or Discord's recommendation for `auto` (and when unset). */
  count: number;
  /** Shards that may identify at once (Discord's `session_start_limit.max_concurrency`). */
  maxConcurrency: number;
}

/** Discord allows one IDENTIFY per rate-limit bucket every 5 s; a little margin on top. */
const IDENTIFY_INTERVAL_MS = 5_500;

/**
 * Asks Discord for the shard plan.
 * @throws CredentialError when Discord refuses the token (401), Error naming the host when it cannot be reached.
 */
export async function fetchGatewayPlan(config: Pick<DiscordConfig, 'token' | 'apiBase' | 'shards'>): Promise<GatewayPlan> {
  const rest = new REST({ ...(config.apiBase ? { api: config.apiBase.replace(/\/+$/, '') } : {}) }).setToken(config.token);
  let body: { shards: number; session_start_limit?: { max_concurrency?: number } };
  try {
    body = (await rest.get(Routes.gatewayBot())) as typeof body;
  } catch (err) {
    if (err instanceof DiscordAPIError && err.status === 401) {
      throw new CredentialError(
        'discord shards: Discord refused the token (401 on GET /gateway/bot). Check DISCORD_TOKEN (Developer Portal → Bot → Reset Token).',
        { cause: err },
      );
    }
    const network = networkFailure(err);
    const where = hostOf(config.apiBase ?? 'https://discord.com/api');
    throw new Error(
      `discord shards: could not ask ${where} for the shard count (${network ?? (err instanceof Error ? err.message : String(err))}); check the connection${config.apiBase ? ` and DISCORD_API_BASE (${config.apiBase})` : ''}.`,
      { cause: err },
    );
  }
  const count = typeof config.shards === 'number' ? config.shards : Math.max(1, body.shards);
  return { count, maxConcurrency: Math.max(1, body.session_start_limit?.max_concurrency ?? 1) };
}

/**
 * How long to wait between starting one shard process and the next: shards `i` and
 * `i + maxConcurrency` share an identify bucket, so they must start at least 5 s apart.
 */
export function spawnDelayMs(plan: GatewayPlan): number {
  return plan.count <= plan.maxConcurrency ? 0 : Math.ceil(IDENTIFY_INTERVAL_MS / plan.maxConcurrency);
}
