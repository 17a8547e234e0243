/** Reader link signing on its own: what a link carries, and every change that must void it. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { excerptDigest, readerLinks, ReaderSigner, type ReaderTarget } from '../../src/http/reader-link.js';

const SECRET = 'a'.repeat(64);
const HOUR = 3_600_000;
const TARGET: ReaderTarget = { articleId: 'deep/article-1', paragraph: 3, start: 10, end: 42, excerpt: 'the quoted words' };
/** What verifying a token for TARGET gives back: the excerpt as its digest. */
const SIGNED = { articleId: TARGET.articleId, paragraph: 3, start: 10, end: 42, digest: excerptDigest(TARGET.excerpt) };

/** A signer whose clock the test moves. */
function clocked(ttlMs = 24 * HOUR, secret = SECRET) {
  const clock = { now: Date.UTC(2025, 0, 1) };
  return { clock, signer: new ReaderSigner(secret, ttlMs, () => clock.now) };
}

/** The token with its payload rewritten by `change` and the original signature kept. */
function forge(token: string, change: (fields: unknown[]) => unknown[]): string {
  const [payload, signature] = token.split('.') as [string, string];
  const fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown[];
  return `${Buffer.from(JSON.stringify(change(fields))).toString('base64url')}.${signature}`;
}

describe('reader link signing', () => {
  it('verifies its own token and gives back the target with its expiry', () => {
    const { clock, signer } = clocked();
    const verified = signer.verify(signer.sign(TARGET));
    expect(verified).toEqual({ ok: true, target: { ...SIGNED, expiresAt: clock.now + 24 * HOUR } });
  });

  it('refuses a token whose signature was changed by one character', () => {
    const { signer } = clocked();
    const token = signer.sign(TARGET);
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    expect(signer.verify(`${token.slice(0, -2)}${last}${token.at(-1)}`)).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuses a token whose paragraph, range, article, excerpt digest or expiry was changed under the old signature', () => {
    const { signer } = clocked();
    const token = signer.sign(TARGET);
    const changes: Array<(f: unknown[]) => unknown[]> = [
      (f) => f.map((v, i) => (i === 2 ? 4 : v)),
      (f) => f.map((v, i) => (i === 3 ? 0 : v)),
      (f) => f.map((v, i) => (i === 4 ? 9999 : v)),
      (f) => f.map((v, i) => (i === 1 ? 'other-article' : v)),
      (f) => f.map((v, i) => (i === 5 ? excerptDigest('other words') : v)),
      (f) => f.map((v, i) => (i === 6 ? (v as number) + 86_400 * 365 : v)),
    ];
    for (const change of changes) expect(signer.verify(forge(token, change))).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuses a token signed with another secret', () => {
    const mine = clocked();
    const theirs = clocked(24 * HOUR, 'b'.repeat(64));
    expect(mine.signer.verify(theirs.signer.sign(TARGET))).toEqual({ ok: false, reason: 'signature' });
  });

  it('accepts a token until its time is up, and refuses it as expired from then on', () => {
    const { clock, signer } = clocked(2 * HOUR);
    const token = signer.sign(TARGET);
    clock.now += 2 * HOUR - 1000;
    expect(signer.verify(token).ok).toBe(true);
    clock.now += 1000;
    expect(signer.verify(token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses malformed tokens without throwing', () => {
    const { signer } = clocked();
    const good = signer.sign(TARGET);
    for (const token of [
      '',
      '.',
      'abc',
      `${good}.x`,
      `${good.split('.')[0]}.`,
      `.${good.split('.')[1]}`,
      'a b.c',
      'x'.repeat(5000),
      `${good.split('.')[0]}.${'A'.repeat(43)}=`,
    ]) {
      expect(signer.verify(token).ok, token.slice(0, 40)).toBe(false);
    }
  });

  it('refuses a well-signed payload that is not a target: the signature alone does not make it trusted', () => {
    const { signer } = clocked();
    // Signed as the signer signs (the layout is part of every link ever sent, so it is fixed).
    const signed = (fields: unknown[]) => {
      const payload = Buffer.from(JSON.stringify(fields)).toString('base64url');
      return `${payload}.${createHmac('sha256', SECRET).update('pilcrow reader link\n').update(payload).digest('base64url')}`;
    };
    const far = Math.floor(Date.UTC(2030, 0, 1) / 1000);
    const d = excerptDigest('x');
    expect(signer.verify(signed([1, 'a', 3, 10, 42, d, far])).ok).toBe(true);
    const bad = [
      [2, 'a', 3, 10, 42, d, far],
      [1, '', 3, 10, 42, d, far],
      [1, 'a', 0, 10, 42, d, far],
      [1, 'a', 3, 42, 10, d, far],
      [1, 'a', 3, -1, 4, d, far],
      [1, 'a', 3.5, 1, 4, d, far],
      [1, 'a', 3, 1, 4, 'short', far],
      [1, 'a', 3, 1, 4, d],
      [1, 'a', 3, 10, 42, far],
      { a: 1 },
    ];
    for (const fields of bad) {
      expect(signer.verify(signed(fields as unknown[])), JSON.stringify(fields)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('refuses to sign with a short secret or no lifetime, saying how to make a secret', () => {
    expect(() => new ReaderSigner('short', HOUR)).toThrow(/READER_SECRET.*openssl rand -hex 32/);
    expect(() => new ReaderSigner(SECRET, 0)).toThrow(/ttlMs/);
  });
});

describe('reader link builder', () => {
  it('builds PUBLIC_URL/read/<token>#pN whose token verifies to the citation', () => {
    const signer = new ReaderSigner(SECRET, HOUR);
    const link = readerLinks({ publicUrl: 'https://pilcrow.example.org/bot/', secret: SECRET, ttlHours: 1 }, signer);
    const url = link(TARGET)!;
    expect(url).toMatch(/^https:\/\/pilcrow\.example\.org\/bot\/read\/[\w-]+\.[\w-]{43}#p3$/);
    const token = new URL(url).pathname.split('/').at(-1)!;
    expect(signer.verify(token)).toMatchObject({ ok: true, target: SIGNED });
  });

  it('makes links that no other secret verifies', () => {
    const url = readerLinks({ publicUrl: 'http://localhost:8080', secret: SECRET, ttlHours: 720 })(TARGET)!;
    const token = new URL(url).pathname.split('/').at(-1)!;
    expect(new ReaderSigner(SECRET, HOUR).verify(token).ok).toBe(true);
    expect(new ReaderSigner('c'.repeat(64), HOUR).verify(token).ok).toBe(false);
  });
});
