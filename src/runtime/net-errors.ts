/**
 * Telling a network failure from a refused credential, so a start-up error names the real cause:
 * "cannot reach discord.com (DNS lookup failed)" rather than "check DISCORD_TOKEN".
 */

/** Error codes of a connection that never got an answer (DNS, refused, unreachable, timed out). */
const NETWORK_CODES: Record<string, string> = {
  ENOTFOUND: 'DNS lookup failed',
  EAI_AGAIN: 'DNS lookup failed',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  ENETUNREACH: 'network unreachable',
  EHOSTUNREACH: 'host unreachable',
  ECONNABORTED: 'connection aborted',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection failed',
};

/**
 * When `error` (or anything in its `cause` / `original` chain) is a network failure, a short
 * description with its code, e.g. `DNS lookup failed (ENOTFOUND)`; otherwise `undefined`.
 */
export function networkFailure(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    const e = current as { code?: unknown; cause?: unknown; original?: unknown; errors?: unknown };
    if (typeof e.code === 'string' && e.code in NETWORK_CODES) return `${NETWORK_CODES[e.code]} (${e.code})`;
    // Happy-eyeballs connections fail with an AggregateError of one error per address.
    if (Array.isArray(e.errors)) {
      for (const inner of e.errors) {
        const found = networkFailure(inner);
        if (found) return found;
      }
    }
    current = e.cause ?? e.original;
  }
  return undefined;
}

/** The host of `url`, for messages (`discord.com`). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
