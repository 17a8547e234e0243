/**
 * The reader page over HTTP, against the real server on 127.0.0.1: a signed link opens the whole
 * article with the cited paragraph anchored and the excerpt marked, under a strict CSP; every
 * changed, expired or dangling link gets a 403 that shows nothing of the article.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../helpers.js';
import { READER_CSP } from '../../src/http/reader-page.js';
import { HOSTILE, startReader, type ReaderRig } from './reader-fixture.js';

let r: ReaderRig;
beforeAll(async () => {
  r = await startReader();
});
afterAll(async () => {
  await r?.close();
});

/** The link's address without its fragment (fetch never sends one). */
const page = (url: string) => url.replace(/#.*$/, '');

/** Text of the article that a refusal page must never contain. */
const ARTICLE_WORDS = ['Batteries', 'Gazette', 'lithium', 'Sodium', 'Critics', 'alert', 'news.test'];

describe('reader page', () => {
  it('opens a cited answer: the whole article, numbered paragraphs, the excerpt marked in the cited one', async () => {
    const reply = await ask(r.bot, 'How much did lithium iron phosphate cells cost?');
    const citation = reply.citations[0]!;
    expect(citation.paragraph).toBe(2);
    const url = r.link(citation)!;
    expect(url.endsWith('#p2')).toBe(true);

    const res = await fetch(page(url));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html><html lang="en">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width,initial-scale=1">');
    // The title is escaped like everything else from the article.
    expect(html).toContain('<title>Batteries &lt;em&gt;and&lt;/em&gt; the grid — ¶2</title>');
    expect(html).toContain('The Test Gazette');
    for (const n of [1, 2, 3, 4, 16]) expect(html).toMatch(new RegExp(`<p id="p${n}"[^>]*><a class="n" href="#p${n}"[^>]*>¶${n}</a>`));
    expect(html).toContain('<h2>Costs</h2>');
    expect(html).toContain('<p id="p2" class="cited">');
    const marks = [...html.matchAll(/<mark>([^<]*)<\/mark>/g)].map((m) => m[1]);
    expect(marks).toEqual([citation.excerpt]);
    expect(html.match(/<p id="p2" class="cited">.*?<\/p>/)![0]).toContain(`<mark>${citation.excerpt}</mark>`);
  });

  it('sends a strict CSP that allows only its own style, and no-sniff, no-referrer, private no-store', async () => {
    const res = await fetch(page(r.link(r.citation(1))!));
    expect(res.headers.get('content-security-policy')).toBe(READER_CSP);
    expect(READER_CSP).toMatch(/^default-src 'none'; style-src 'sha256-[\w+/=]+';/);
    expect(READER_CSP).not.toMatch(/unsafe|script-src (?!'none')/);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const html = await res.text();
    // Markup only: the escaped `onerror=&quot;` in the article text is no attribute.
    expect(html).not.toMatch(/<script|<img|<link|<iframe|\son\w+="|style="/i);
  });

  it('shows HTML-like article text as text: escaped, never markup', async () => {
    const html = await (await fetch(page(r.link(r.citation(3, 8, 40))!))).text();
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
    expect(html).toContain('&amp; &lt;b&gt;bold&lt;/b&gt;');
    // The mark cuts through the tag-like text and is still escaped on both sides of it.
    expect(html).toContain(`<mark>${HOSTILE.slice(8, 40).replace(/</g, '&lt;').replace(/>/g, '&gt;')}</mark>`);
  });

  it('marks nothing, and says why, when the article was edited after the link was made', async () => {
    const url = page(r.link(r.citation(2, 4, 40))!);
    const original = r.bot.library.articles[0]!;
    // The same article with paragraph 2 reworded: the link's range now holds other words.
    r.bot.addArticle({ ...original, paragraphs: original.paragraphs.map((p) => (p.number === 2 ? { ...p, text: `Reworded: ${p.text}` } : p)) });
    try {
      const html = await (await fetch(url)).text();
      expect(html).toContain('<p id="p2" class="cited">');
      expect(html).not.toContain('<mark>');
      expect(html).toContain('This article has changed since the link was made');
    } finally {
      r.bot.addArticle(original);
    }
    expect(await (await fetch(url)).text()).toContain('<mark>');
  });

  it('answers HEAD with the headers only', async () => {
    const res = await fetch(page(r.link(r.citation(1))!), { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(READER_CSP);
    expect(await res.text()).toBe('');
  });
});

describe('reader page refusals', () => {
  /** Fetches `url` and checks it is refused with a page that shows nothing of the article. */
  async function refused(url: string): Promise<string> {
    const res = await fetch(url);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-security-policy')).toBe(READER_CSP);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const html = await res.text();
    for (const word of ARTICLE_WORDS) expect(html).not.toContain(word);
    return html;
  }

  it('refuses a link whose signature was changed', async () => {
    const url = page(r.link(r.citation(2))!);
    const flipped = url.slice(0, -3) + (url.at(-3) === 'A' ? 'B' : 'A') + url.slice(-2);
    expect(await refused(flipped)).toContain('not valid');
  });

  it('refuses a link pointed at another paragraph under the old signature', async () => {
    const url = page(r.link(r.citation(2))!);
    const [payload, signature] = url.split('/read/')[1]!.split('.') as [string, string];
    const fields = JSON.parse(Buffer.from(payload, 'base64url').toString()) as unknown[];
    fields[2] = 3;
    await refused(`${r.base}/read/${Buffer.from(JSON.stringify(fields)).toString('base64url')}.${signature}`);
  });

  it('refuses an expired link, saying it expired', async () => {
    const url = page(r.link(r.citation(2))!);
    expect((await fetch(url)).status).toBe(200);
    const saved = r.clock.now;
    r.clock.now += 721 * 3_600_000;
    try {
      expect(await refused(url)).toContain('expired');
    } finally {
      r.clock.now = saved;
    }
  });

  it('refuses a validly signed link to an article or paragraph that is not in the library', async () => {
    await refused(page(r.link({ articleId: 'gone', paragraph: 1, start: 0, end: 4, excerpt: 'Grid' })!));
    await refused(page(r.link({ articleId: 'batteries', paragraph: 99, start: 0, end: 4, excerpt: 'Grid' })!));
  });

  it('refuses garbage tokens and the bare path, and reports each refusal', async () => {
    const before = r.refused.length;
    for (const path of ['/read/', '/read/x', '/read/a.b', '/read/%3Cscript%3E.x', `/read/${'a'.repeat(3000)}.b`]) await refused(`${r.base}${path}`);
    expect(r.refused.length - before).toBe(5);
    expect((await fetch(`${r.base}/read`)).status).toBe(403);
  });
});
