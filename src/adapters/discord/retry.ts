/**
 * How discord.js's failures read for the outbox: a server error, a network failure or a rate
 * limit (one discord.js stopped waiting on) may pass; a 4xx answer (unknown channel, missing
 * permission, expired interaction) will not.
 */
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import type { RetryAdvice } from '../../delivery/outbox.js';

/** Reads an error thrown by a discord.js REST call. */
export function classifyDiscordError(error: unknown): RetryAdvice {
  if (error instanceof RateLimitError) return { retry: true, afterMs: error.retryAfter, global: error.global };
  if (error instanceof HTTPError) return { retry: error.status >= 500 };
  if (error instanceof DiscordAPIError) return { retry: error.status >= 500 || error.status === 429 };
  if (error instanceof Error) {
    // undici: "fetch failed" with a cause like ECONNREFUSED / ECONNRESET; or a request timeout.
    const code = (error.cause as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|UND_ERR_\w+|ENOTFOUND|EAI_AGAIN)$/.test(code)) return { retry: true };
    if (error.name === 'AbortError' || error.name === 'TimeoutError') return { retry: true };
  }
  return { retry: false };
}
