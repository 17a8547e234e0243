/**
 * Signed reader links: `PUBLIC_URL/read/<payload>.<signature>#p3`.
 *
 * The payload names an article, a paragraph, the excerpt's range in it (and a short digest of its
 * words, so an edited article never gets the wrong words marked) and an expiry; the signature is
 * an HMAC-SHA256 of the payload under `READER_SECRET`. Only someone who got a link
 * from the bot can open an article through it, and only until it expires: a link whose payload or
 * signature was changed, or whose time is up, opens nothing.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** What a link points at: the excerpt `[start, end)` of paragraph `paragraph` of article `articleId`. */
export interface ReaderTarget {
  articleId: string;
  /** 1-based paragraph number. */
  paragraph: number;
  /** The excerpt's range in the paragraph's text. */
  start: number;
  end: number;
  /** The excerpt itself: only its digest goes into the link. */
  excerpt: string;
}

/** A verified link's target: what it points at, the excerpt's digest, and when it expires (ms since the epoch). */
export interface SignedTarget extends Omit<ReaderTarget, 'excerpt'> {
  /** `excerptDigest` of the excerpt the link was made for. */
  digest: string;
  expiresAt: number;
}

/**
 * A short digest of an excerpt's text (64 bits, base64url): the page marks the range only while
 * the paragraph still holds these words there. Not a secret; the HMAC protects it.
 */
export function excerptDigest(excerpt: string): string {
  return createHash('sha256').update(excerpt, 'utf8').digest().subarray(0, 8).toString('base64url');
}

/** Why a link was refused. Never shown in detail: the page only says the link cannot be used. */
export type RefusedReason = 'malformed' | 'signature' | 'expired';

/** The outcome of checking a link's token. */
export type Verified = { ok: true; target: SignedTarget } | { ok: false; reason: RefusedReason };

/** The path under which reader pages are served. */
export const READER_PATH = '/read';

/** Bumped if the payload's layout ever changes, so old links are refused rather than misread. */
const VERSION = 1;
/** Keeps these signatures apart from any other HMAC made with the same key. */
const DOMAIN = 'pilcrow reader link\n';
const SIGNATURE_BYTES = 32;
/** A token longer than this is refused before any decoding (article ids are short). */
const MAX_TOKEN_LENGTH = 2048;

/** Signs and verifies reader link tokens with one secret. */
export class ReaderSigner {
  private readonly key: Buffer;

  /**
   * @param secret the HMAC key (`READER_SECRET`); at least 32 characters.
   * @param ttlMs how long a signed link stays valid.
   * @param now the clock (tests move it).
   * @throws Error when the secret is too short or the lifetime is not positive.
   */
  constructor(
    secret: string,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    if (secret.length < 32) throw new Error('ReaderSigner: the secret must hold at least 32 characters; set READER_SECRET (e.g. `openssl rand -hex 32`).');
    if (!(ttlMs > 0)) throw new Error(`ReaderSigner: ttlMs must be positive (got ${ttlMs}).`);
    this.key = Buffer.from(secret, 'utf8');
  }

  /** A token for `target`, valid from now for the configured time (to the second). */
  sign(target: ReaderTarget): string {
    const expires = Math.floor((this.now() + this.ttlMs) / 1000);
    const fields = [VERSION, target.articleId, target.paragraph, target.start, target.end, excerptDigest(target.excerpt), expires];
    const payload = Buffer.from(JSON.stringify(fields), 'utf8').toString('base64url');
    return `${payload}.${this.mac(payload).toString('base64url')}`;
  }

  /** Checks `token`'s signature first (in constant time), then its contents and expiry. */
  verify(token: string): Verified {
    if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
    const dot = token.indexOf('.');
    if (dot <= 0 || dot !== token.lastIndexOf('.')) return { ok: false, reason: 'malformed' };
    const payload = token.slice(0, dot);
    const signature = token.slice(dot + 1);
    if (!/^[\w-]+$/.test(payload) || !/^[\w-]+$/.test(signature)) return { ok: false, reason: 'malformed' };
    const given = Buffer.from(signature, 'base64url');
    // base64url decoding is lenient; re-encoding catches any other spelling of the same bytes.
    if (given.length !== SIGNATURE_BYTES || given.toString('base64url') !== signature) return { ok: false, reason: 'signature' };
    if (!timingSafeEqual(given, this.mac(payload))) return { ok: false, reason: 'signature' };

    const target = decodePayload(payload);
    if (!target) return { ok: false, reason: 'malformed' };
    if (this.now() >= target.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, target };
  }

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.key).update(DOMAIN).update(payload).digest();
  }
}

function decodePayload(payload: string): SignedTarget | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== 7 || value[0] !== VERSION) return undefined;
  const [, articleId, paragraph, start, end, digest, expires] = value as unknown[];
  const whole = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
  if (
    typeof articleId !== 'string' ||
    articleId === '' ||
    !whole(paragraph) ||
    paragraph < 1 ||
    !whole(start) ||
    !whole(end) ||
    end < start ||
    !whole(expires)
  ) {
    return undefined;
  }
  if (typeof digest !== 'string' || !/^[\w-]{11}$/.test(digest)) return undefined;
  return { articleId, paragraph, start, end, digest, expiresAt: expires * 1000 };
}

/** A citation as much as a reader link needs of it (a core `Citation` fits). */
export interface LinkedCitation {
  articleId: string;
  paragraph: number;
  start: number;
  end: number;
  excerpt: string;
}

/** Builds the reader link of a citation, or undefined for none (the renderers then keep today's label). */
export type CitationLink = (citation: LinkedCitation) => string | undefined;

/** Settings of `readerLinks` (`ReaderConfig` from the configuration fits). */
export interface ReaderLinkOptions {
  /** The public address of the HTTP server (`PUBLIC_URL`), with or without a trailing slash. */
  publicUrl: string;
  secret: string;
  ttlHours: number;
}

/**
 * The link builder handed to the renderers: `PUBLIC_URL/read/<token>#p<N>`, the fragment
 * scrolling the page to the cited paragraph.
 */
export function readerLinks(options: ReaderLinkOptions, signer = new ReaderSigner(options.secret, options.ttlHours * 3_600_000)): CitationLink {
  const base = options.publicUrl.replace(/\/+$/, '');
  return (c) =>
    `${base}${READER_PATH}/${signer.sign({ articleId: c.articleId, paragraph: c.paragraph, start: c.start, end: c.end, excerpt: c.excerpt })}#p${c.paragraph}`;
}
