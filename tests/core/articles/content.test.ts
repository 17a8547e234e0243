import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError, loadArticles, parseArticle } from '../../../src/core/articles/content.js';
import { CONTENT_DIR } from '../../helpers.js';

const expectContentError = (fn: () => unknown, pattern: RegExp) => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ContentError);
    expect((err as Error).message).toMatch(pattern);
    return err as ContentError;
  }
  throw new Error('expected a ContentError');
};

describe('the bundled article', () => {
  const [article] = loadArticles(CONTENT_DIR);

  it('has the title, source and credit from the seed and nine paragraphs', () => {
    expect(article!.info).toMatchObject({
      id: 'chinese-tech-going-global',
      title: 'Chinese technology going global more than just a commercial triumph: Global Times editorial',
      source: 'Global Times (editorial)',
      credit: 'Illustration: Liu Rui/GT',
      paragraphCount: 9,
    });
    expect(article!.paragraphs).toHaveLength(9);
  });

  it('numbers paragraphs in order and keeps their text verbatim (curly quotes included)', () => {
    expect(article!.paragraphs[0]!.text.startsWith('Two significant developments')).toBe(true);
    expect(article!.paragraphs[1]!.text).toContain('The “hybrid bonding” technology owned by YMTC');
    expect(article!.paragraphs[8]!.text.endsWith('are the true paths forward.')).toBe(true);
    expect(article!.paragraphs.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('drops the trailing "link" line and the illustration credit from the body', () => {
    const all = article!.paragraphs.map((p) => p.text).join('\n');
    expect(all).not.toMatch(/^link$/m);
    expect(all).not.toContain('Illustration:');
  });

  it('splits paragraphs into sentences whose spans are exact', () => {
    const p = article!.paragraphs[1]!;
    expect(p.sentences).toHaveLength(5);
    expect(p.text.slice(p.sentences[3]!.start, p.sentences[3]!.end)).toBe(
      'It is therefore a rational decision to absorb China’s mature technology to lower production costs.',
    );
  });
});

describe('parsing an article', () => {
  it('takes headings as section names, not paragraphs', () => {
    const a = parseArticle('---\ntitle: T\n---\n\n# Part one\n\nFirst para.\n\n## Part two\n\nSecond para.\nstill second.\n', 'content/t.md');
    expect(a.paragraphs.map((p) => [p.number, p.section, p.text])).toEqual([
      [1, 'Part one', 'First para.'],
      [2, 'Part two', 'Second para. still second.'],
    ]);
  });

  it('reads Markdown as its plain text: emphasis, links and lists; a picture alone is not a paragraph', () => {
    const a = parseArticle(
      '---\ntitle: T\n---\n\n![A chart](chart.png)\n\nThe *first* point, see [the report](https://example.com).\n\n- one item\n- two items\n\n> A quoted line.\n',
      'content/m.md',
    );
    expect(a.paragraphs.map((p) => p.text)).toEqual(['The first point, see the report.', 'one item two items', 'A quoted line.']);
  });

  it('reads optional fields and turns a YAML date into an ISO date', () => {
    const a = parseArticle('---\ntitle: T\nurl: https://example.com/a\npublished: 2024-03-01\nauthor: A. Writer\n---\nBody.\n', 'x/a.md');
    expect(a.info).toMatchObject({ id: 'a', url: 'https://example.com/a', published: '2024-03-01', author: 'A. Writer' });
  });

  it('names the file and line of invalid YAML', () => {
    const err = expectContentError(
      () => parseArticle('---\ntitle: T\nsource: [oops\n---\nBody', 'content/bad.md'),
      /content\/bad\.md:\d+: the front matter is not valid YAML/,
    );
    expect(err.file).toBe('content/bad.md');
  });

  it('says how to fix a missing title', () => {
    expectContentError(
      () => parseArticle('---\nsource: X\n---\nBody', 'content/t.md'),
      /content\/t\.md:2: front matter field `title` is required: add `title: "…"`/,
    );
  });

  it('rejects an empty body, naming the line where it should start', () => {
    expectContentError(() => parseArticle('---\ntitle: T\n---\n\n', 'content/e.md'), /content\/e\.md:4: the article body is empty/);
  });

  it('rejects a file with no front matter and no title line, saying how to give one', () => {
    expectContentError(() => parseArticle('Just text.', 'content/n.md'), /no title\. Start the file with a `# Title` line/);
  });

  it('takes plain Markdown with a # title, and a .txt with a short first line, as load does', () => {
    const md = parseArticle('# Heat-tolerant corals\n\nCorals of the Red Sea survive heat.\n\nThey are studied.\n', 'content/corals.md');
    expect(md.info).toMatchObject({ id: 'corals', title: 'Heat-tolerant corals' });
    expect(md.paragraphs.map((p) => p.text)).toEqual(['Corals of the Red Sea survive heat.', 'They are studied.']);
    const txt = parseArticle('Harbour cranes\n\nRotterdam bets on electric cranes.\n', 'content/cranes.txt');
    expect(txt.info).toMatchObject({ id: 'cranes', title: 'Harbour cranes' });
    expect(txt.paragraphs).toHaveLength(1);
    expectContentError(() => parseArticle('A first sentence.\n\nAnother.\n', 'content/x.txt'), /no title/);
  });

  it('rejects a url that is not a URL', () => {
    expectContentError(() => parseArticle('---\ntitle: T\nurl: not a url\n---\nBody', 'content/u.md'), /`url` must be an absolute http\(s\) URL/);
  });
});

describe('loading a content directory', () => {
  it('fails on an empty directory with the fix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pilcrow-empty-'));
    expectContentError(() => loadArticles(dir), /no articles\. Add at least one \.md file/);
  });

  it('fails on a missing directory', () => {
    expectContentError(() => loadArticles('/nonexistent/pilcrow'), /no such content directory/);
  });

  it('names the malformed file among several', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pilcrow-many-'));
    writeFileSync(join(dir, 'a.md'), '---\ntitle: A\n---\nFine.\n');
    writeFileSync(join(dir, 'b.md'), '---\ntitle: \n---\nNo title.\n');
    expectContentError(() => loadArticles(dir), /b\.md:2: front matter field `title`/);
  });
});
