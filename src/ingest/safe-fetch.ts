/**
 * Fetching a link someone typed in a chat, safely: http(s) only; every address the host resolves
 * to is checked before connecting, on the first request and on every redirect (and again at
 * connect time, so a name that re-resolves to a private address in between is still refused);
 * at most `maxRedirects` redirects; a size cap enforced while reading; one time limit for all of it.
 */
import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent, request } from 'undici';
import { checkAddresses, resolveChecked, type AddressPolicy } from './address.js';
import { IngestError } from './errors.js';

/** Limits of one fetch. */
export interface FetchLimits extends AddressPolicy {
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /** Time for the whole fetch, redirects included, in milliseconds. */
  timeoutMs: number;
  /** Redirects followed at most. */
  maxRedirects: number;
}

/** A fetched document. */
export interface Fetched {
  /** The URL the body came from, after redirects. */
  url: string;
  /** The media type, lower case, without parameters (`text/html`). */
  mediaType: string;
  /** The `charset` parameter of the Content-Type, if any. */
  charset?: string;
  body: Uint8Array;
}

const USER_AGENT = 'PilcrowBot/0.1 (+adds an article to a discussion on request)';

/**
 * Fetches `link` within `limits`.
 * @throws IngestError with a plain message for every refusal: bad scheme, private address,
 *   too many redirects, too large, too slow, an HTTP error status, an unreachable host.
 */
export async function safeFetch(link: string, limits: FetchLimits): Promise<Fetched> {
  const agent = new Agent({ connect: { lookup: checkedLookup(limits) }, connections: 1 });
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    let url = parseLink(link);
    for (let redirects = 0; ; redirects += 1) {
      await resolveChecked(url.hostname, limits);
      const response = await request(url, {
        dispatcher: agent,
        method: 'GET',
        signal,
        headers: { 'user-agent': USER_AGENT, accept: 'text/html,application/xhtml+xml,application/pdf,text/markdown,text/plain;q=0.9,*/*;q=0.5' },
      }).catch((err: unknown) => {
        throw translate(err, url, signal, limits);
      });
      const { statusCode, headers, body } = response;
      if (statusCode >= 300 && statusCode < 400 && statusCode !== 304) {
        await body.dump().catch(() => undefined);
        const location = header(headers['location']);
        if (!location) throw new IngestError('http_status', `${url.host} answered with a redirect (${statusCode}) but did not say where to.`);
        if (redirects >= limits.maxRedirects) {
          throw new IngestError('too_many_redirects', `The link redirects more than ${limits.maxRedirects} times; give the final address of the article.`);
        }
        url = parseLink(new URL(location, url).toString());
        continue;
      }
      if (statusCode < 200 || statusCode >= 300) {
        await body.dump().catch(() => undefined);
        throw new IngestError(
          'http_status',
          `${url.host} answered ${statusCode}${statusCode === 404 ? ' (not found)' : statusCode === 403 || statusCode === 401 ? ' (not allowed)' : ''}; check the link.`,
        );
      }
      const [mediaType = '', ...params] = (header(headers['content-type']) ?? '').split(';').map((p) => p.trim());
      const charset = params
        .find((p) => /^charset=/i.test(p))
        ?.slice(8)
        .replace(/^"|"$/g, '');
      const declared = Number(header(headers['content-length']));
      if (Number.isFinite(declared) && declared > limits.maxBytes) {
        body.destroy();
        throw tooLarge(limits.maxBytes);
      }
      const chunks: Uint8Array[] = [];
      let size = 0;
      try {
        for await (const chunk of body as AsyncIterable<Uint8Array>) {
          size += chunk.byteLength;
          if (size > limits.maxBytes) {
            body.destroy();
            throw tooLarge(limits.maxBytes);
          }
          chunks.push(chunk);
        }
      } catch (err) {
        throw translate(err, url, signal, limits);
      }
      return { url: url.toString(), mediaType: mediaType.toLowerCase(), ...(charset ? { charset } : {}), body: Buffer.concat(chunks) };
    }
  } finally {
    await agent.close().catch(() => undefined);
  }
}

/**
 * Parses and checks a link: absolute http(s), no credentials in it.
 * @throws IngestError `bad_url`.
 */
export function parseLink(link: string): URL {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    throw new IngestError('bad_url', `"${link.slice(0, 100)}" is not a link. Give the full address, starting with https://.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new IngestError('bad_url', `Only http and https links can be added (got ${url.protocol.replace(/:$/, '')}).`);
  }
  if (url.username || url.password) throw new IngestError('bad_url', 'Links with a user name or password in them are not fetched.');
  url.hash = '';
  return url;
}

/** The DNS lookup the sockets use: the same check again at connect time (DNS rebinding). */
export function checkedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 4);
      try {
        checkAddresses(hostname, addresses, policy);
      } catch (refusal) {
        return callback(refusal as NodeJS.ErrnoException, '', 4);
      }
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function tooLarge(max: number): IngestError {
  return new IngestError('too_large', `The document is larger than ${formatBytes(max)}, the most I add (MAX_ARTICLE_BYTES).`);
}

/** Formats a byte count for people: 5 MB, 300 kB, 512 bytes. */
export function formatBytes(n: number): string {
  if (n >= 1_000_000) return `${+(n / 1_000_000).toFixed(1)} MB`;
  if (n >= 1000) return `${+(n / 1000).toFixed(1)} kB`;
  return `${n} bytes`;
}

/** A network failure as an IngestError: never the exception text, which may name internals. */
function translate(err: unknown, url: URL, signal: AbortSignal, limits: FetchLimits): IngestError {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) if (e instanceof IngestError) return e;
  if (signal.aborted)
    return new IngestError('timeout', `${url.host} took longer than ${Math.round(limits.timeoutMs / 1000)} s to send the document; try again later.`);
  return new IngestError('unreachable', `I couldn't reach ${url.host}; check the link or try again later.`);
}
