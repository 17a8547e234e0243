import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/core/articles/content.js';
import { isPublicAddress } from '../../src/ingest/address.js';
import { squash } from '../../src/ingest/draft.js';
import { siteNameOf } from '../../src/ingest/extract-html.js';
import { createArticleLoader, DEFAULT_LIMITS, draftOf, IngestError, type FetchLimits } from '../../src/ingest/index.js';
import { checkedLookup } from '../../src/ingest/safe-fetch.js';
import { BLOG_CHROME, BLOG_PARAGRAPHS, NEWS_CHROME, NEWS_PARAGRAPHS, PDF_PARAGRAPHS, startSite, type Site } from './site.js';

const OPEN: FetchLimits = { ...DEFAULT_LIMITS, allowPrivate: true, timeoutMs: 5_000 };
const STRICT: FetchLimits = { ...DEFAULT_LIMITS, allowPrivate: false, timeoutMs: 5_000 };

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site.close();
});

function tempContent(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pilcrow-ingest-'));
  writeFileSync(join(dir, 'existing.md'), '---\ntitle: Existing\n---\n\nOne paragraph.\n');
  return dir;
}

async function refusal(promise: Promise<unknown>): Promise<IngestError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(IngestError);
  return err as IngestError;
}

describe('extracting a news page', () => {
  it('recovers every paragraph of the article and none of the navigation, ads or comments', async () => {
    const draft = await draftOf({ kind: 'link', url: `${site.base}/news/harbour-cranes` }, OPEN);
    const paragraphs = draft.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text);
    const recovered = NEWS_PARAGRAPHS.filter((p) => paragraphs.includes(squash(p)));
    expect(NEWS_PARAGRAPHS.length).toBe(7);
    expect(recovered.length / NEWS_PARAGRAPHS.length).toBe(1);
    const all = draft.blocks.map((b) => b.text).join('\n');
    expect(NEWS_CHROME.filter((c) => all.includes(c))).toEqual([]);
    // The section headings stay headings, in place.
    expect(draft.blocks.filter((b) => b.kind === 'heading').map((b) => b.text)).toEqual(['Power from the grid', 'Competition from Antwerp and Hamburg']);
    expect(draft).toMatchObject({
      title: 'Rotterdam bets on electric cranes to cut harbour emissions',
      author: 'Marta Velde',
      published: '2024-03-14',
      source: 'The Coastal Ledger',
      url: `${site.base}/news/harbour-cranes`,
    });
  });

  it('recovers a blog post in Windows-1252 (declared in a <meta>) with its JSON-LD details, and none of its chrome', async () => {
    const draft = await draftOf({ kind: 'link', url: `${site.base}/blog/tidal-mills` }, OPEN);
    const paragraphs = draft.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text);
    expect(BLOG_PARAGRAPHS).toHaveLength(5);
    expect(paragraphs).toEqual(BLOG_PARAGRAPHS.map(squash));
    const all = draft.blocks.map((b) => b.text).join('\n');
    expect(BLOG_CHROME.filter((c) => all.includes(c))).toEqual([]);
    expect(draft).toMatchObject({ title: 'Tidal mills of the Atlantic coast', author: 'João Pereira', published: '2023-11-02', source: 'Waterwheel Notes' });
  });

  it('follows a redirect on the same site and records the final address', async () => {
    const draft = await draftOf({ kind: 'link', url: `${site.base}/go` }, OPEN);
    expect(draft.url).toBe(`${site.base}/news/harbour-cranes`);
  });

  it('reads a PDF into its paragraphs, joining the lines of each, with title and author from its details', async () => {
    const draft = await draftOf({ kind: 'link', url: `${site.base}/reports/corals.pdf` }, OPEN);
    expect(draft.title).toBe('Heat-tolerant corals of the Red Sea');
    expect(draft.author).toBe('Amira Haddad');
    // A PDF's creation date is when the file was made, not a publication date.
    expect(draft.published).toBeUndefined();
    expect(draft.blocks).toEqual(PDF_PARAGRAPHS.map((text) => ({ kind: 'paragraph', text })));
  });

  it('joins a title wrapped over two lines into one, and takes no date from when the file was made', async () => {
    const draft = await draftOf({ kind: 'link', url: `${site.base}/reports/seabed.pdf` }, OPEN);
    expect(draft.title).toBe('Deep-sea mining licences and the future of the Pacific seabed');
    expect(draft.blocks.filter((b) => b.kind === 'heading')).toEqual([]);
    expect(draft.published).toBeUndefined();
  });

  it('names the source by the site, never by a bare address or local name', () => {
    expect(siteNameOf('www.example.org')).toBe('example.org');
    expect(siteNameOf('127.0.0.1')).toBeUndefined();
    expect(siteNameOf('localhost')).toBeUndefined();
    expect(siteNameOf('::1')).toBeUndefined();
    expect(siteNameOf('news.coastal-ledger.com')).toBe('news.coastal-ledger.com');
  });

  it('takes Markdown served as text/plain by its .md name, and decodes Latin-1 text', async () => {
    const md = await draftOf({ kind: 'link', url: `${site.base}/notes.md` }, OPEN);
    expect(md.title).toBe('Field notes on tidal mills');
    expect(md.blocks).toHaveLength(2);
    const latin = await draftOf({ kind: 'attachment', url: `${site.base}/latin1.txt`, name: 'latin1.txt' }, OPEN);
    expect(latin.title).toBe('Café crème at the harbour');
    expect(latin.blocks[0]!.text).toContain('crème brûlée');
  });
});

describe('writing the article into the content folder', () => {
  it('writes Markdown with front matter that the loader reads back with the same paragraphs', async () => {
    const dir = tempContent();
    try {
      const load = createArticleLoader({ contentDir: dir, limits: OPEN, now: () => new Date('2026-01-02T03:04:05Z') });
      const article = await load({ kind: 'link', url: `${site.base}/news/harbour-cranes` }, 'ana');
      expect(article.info.id).toBe('rotterdam-bets-on-electric-cranes-to-cut-harbour-emissions');
      const text = readFileSync(join(dir, `${article.info.id}.md`), 'utf8');
      expect(text).toMatch(
        /^---\ntitle: Rotterdam bets on electric cranes to cut harbour emissions\nauthor: Marta Velde\npublished: '2024-03-14'\nsource: The Coastal Ledger\nurl: 'http:\/\/127\.0\.0\.1:\d+\/news\/harbour-cranes'\nadded_by: ana\nadded_at: '2026-01-02T03:04:05\.000Z'\n---\n/,
      );
      const reloaded = loadArticles(dir).find((a) => a.info.id === article.info.id)!;
      expect(reloaded.paragraphs.map((p) => p.text)).toEqual(NEWS_PARAGRAPHS.map(squash));
      expect(reloaded.paragraphs[2]!.section).toBe('Power from the grid');
      expect(reloaded.info).toMatchObject({ author: 'Marta Velde', published: '2024-03-14', source: 'The Coastal Ledger' });
      // The same page again (here through a redirect) is stored once: the reply names the article already here.
      const again = await load({ kind: 'link', url: `${site.base}/go` }, 'ana').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(again).toBeInstanceOf(IngestError);
      expect((again as IngestError).code).toBe('duplicate');
      expect((again as IngestError).message).toBe(
        `That article is already here as ${article.info.id} (“Rotterdam bets on electric cranes to cut harbour emissions”). Say "use ${article.info.id}" to talk about it.`,
      );
      // Another text under the same title gets a new id rather than overwriting.
      const other = join(dir, '..', `other-${Date.now()}.md`);
      writeFileSync(other, '# Rotterdam bets on electric cranes to cut harbour emissions\n\nA different text under the same title.\n');
      const namesake = await load({ kind: 'path', path: other }, 'ana');
      rmSync(other);
      expect(namesake.info.id).toBe('rotterdam-bets-on-electric-cranes-to-cut-harbour-emissions-2');
      expect(readdirSync(dir).sort()).toEqual(['existing.md', `${namesake.info.id}.md`, `${article.info.id}.md`].sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps Markdown special characters of the text as text', async () => {
    const dir = tempContent();
    try {
      const file = join(dir, '..', `pilcrow-md-${process.pid}.txt`);
      writeFileSync(
        file,
        'Stars and *things*\n\n1. This starts like a list but is text, with a <b>tag</b> and [brackets].\n\n# Not a heading either, since it is a paragraph.\n',
      );
      const article = await createArticleLoader({ contentDir: dir, limits: OPEN })({ kind: 'path', path: file }, 'me');
      rmSync(file);
      expect(article.info.title).toBe('Stars and *things*');
      expect(article.paragraphs.map((p) => p.text)).toEqual([
        '1. This starts like a list but is text, with a <b>tag</b> and [brackets].',
        '# Not a heading either, since it is a paragraph.',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('refusing unsafe or unusable links, leaving nothing behind', () => {
  const cases: Array<[string, () => string, FetchLimits, string, RegExp]> = [
    ['a loopback address', () => `${site.base}/news/harbour-cranes`, STRICT, 'private_address', /private, local or reserved network address/],
    [
      'a redirect to a loopback address from a trusted intranet name',
      () => `http://localhost:${site.port}/to-loopback`,
      { ...STRICT, privateHosts: ['localhost'] },
      'private_address',
      /127\.0\.0\.1/,
    ],
    [
      'a redirect to the cloud metadata address',
      () => `${site.base}/to-metadata`,
      { ...STRICT, privateHosts: ['127.0.0.1'] },
      'private_address',
      /169\.254\.169\.254/,
    ],
    ['more than five redirects', () => `${site.base}/loop/0`, OPEN, 'too_many_redirects', /more than 5 times/],
    ['a redirect to another scheme', () => `${site.base}/to-ftp`, OPEN, 'bad_url', /Only http and https/],
    ['a file: link', () => 'file:///etc/passwd', OPEN, 'bad_url', /Only http and https links/],
    ['a body over the size limit', () => `${site.base}/big`, { ...OPEN, maxBytes: 10_000 }, 'too_large', /larger than 10 kB/],
    ['a page that never finishes', () => `${site.base}/slow`, { ...OPEN, timeoutMs: 300 }, 'timeout', /took longer than/],
    ['an image', () => `${site.base}/image.png`, OPEN, 'unsupported_type', /image\/png/],
    ['a page with no article', () => `${site.base}/links-only`, OPEN, 'no_text', /no article text/],
    ['a missing page', () => `${site.base}/missing`, OPEN, 'http_status', /answered 404 \(not found\)/],
    ['a name that does not resolve', () => 'http://no-such-host.invalid/x', OPEN, 'dns', /couldn't find the site/],
  ];
  for (const [what, url, limits, code, message] of cases) {
    it(`refuses ${what} with a clear message`, async () => {
      const dir = tempContent();
      try {
        const before = site.hits.length;
        const err = await refusal(createArticleLoader({ contentDir: dir, limits })({ kind: 'link', url: url() }, 'x'));
        expect(err.code).toBe(code);
        expect(err.message).toMatch(message);
        expect(err.message).not.toMatch(/Error|ECONN|at \w+ \(/);
        expect(readdirSync(dir)).toEqual(['existing.md']);
        if (code === 'private_address' && what.includes('redirect')) {
          // The refused hop was never requested: only the redirecting page was.
          expect(site.hits.slice(before).every((p) => p.startsWith('/to-'))).toBe(true);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

describe('the address check when the socket connects (a name that re-resolves after the first check)', () => {
  const lookup = (policy: FetchLimits, options: object) =>
    new Promise<{ err: unknown; address: unknown }>((resolve) => {
      checkedLookup(policy)('localhost', options as never, (err: unknown, address: unknown) => resolve({ err, address }));
    });

  it('refuses a private address at connect time, whatever the resolver says', async () => {
    const { err } = await lookup(STRICT, {});
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).code).toBe('private_address');
  });

  it('hands the checked addresses to the socket when allowed, in the form asked for', async () => {
    expect((await lookup(OPEN, {})).address).toMatch(/^(?:127\.0\.0\.1|::1)$/);
    const all = (await lookup(OPEN, { all: true })).address as Array<{ address: string }>;
    expect(all.map((a) => a.address)).toContain('127.0.0.1');
  });
});

describe('which addresses are public', () => {
  it.each([
    ['93.184.216.34', true],
    ['2606:2800:220:1:248:1893:25c8:1946', true],
    ['127.0.0.1', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['::1', false],
    ['fd00::1', false],
    ['fe80::1', false],
    ['::ffff:127.0.0.1', false],
    ['224.0.0.1', false],
    ['not an ip', false],
  ])('%s → %s', (ip, expected) => {
    expect(isPublicAddress(ip)).toBe(expected);
  });
});
