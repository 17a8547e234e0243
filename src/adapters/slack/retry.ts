/**
 * How Slack's failures read for the outbox: which are worth another attempt (rate limits, 5xx,
 * a connection that failed or timed out) and which are final (`not_in_channel`, a bad token).
 */
import type { RetryAdvice } from '../../delivery/outbox.js';

/** Slack errors (`ok: false`) that say "try again later". */
const TRANSIENT_PLATFORM_ERRORS = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/** Reads an error of the Web client (`chat.*`) or of a `response_url` POST (axios). */
export function classifySlackError(error: unknown): RetryAdvice {
  if (typeof error !== 'object' || error === null) return { retry: false };
  const e = error as {
    code?: unknown;
    retryAfter?: unknown;
    statusCode?: unknown;
    data?: { error?: unknown };
    response?: { status?: unknown; headers?: Record<string, unknown> };
    isAxiosError?: unknown;
  };
  switch (e.code) {
    case 'slack_webapi_rate_limited_error':
      return { retry: true, ...(typeof e.retryAfter === 'number' ? { afterMs: e.retryAfter * 1000 } : {}) };
    case 'slack_webapi_http_error':
      return { retry: typeof e.statusCode === 'number' && e.statusCode >= 500 };
    case 'slack_webapi_request_error':
      return { retry: true };
    case 'slack_webapi_platform_error':
      return { retry: typeof e.data?.error === 'string' && TRANSIENT_PLATFORM_ERRORS.has(e.data.error) };
    default:
      break;
  }
  if (e.isAxiosError === true) {
    const status = e.response?.status;
    if (typeof status !== 'number') return { retry: true }; // No response: refused, reset, timed out.
    if (status === 429) {
      const header = Number(e.response?.headers?.['retry-after']);
      return { retry: true, ...(Number.isFinite(header) ? { afterMs: header * 1000 } : {}) };
    }
    return { retry: status >= 500 };
  }
  return { retry: false };
}
