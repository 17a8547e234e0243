/** The content folder as people really leave it: Latin-1 files, macOS droppings, subfolders, a file given for the folder. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentError, loadArticles } from '../../../src/core/articles/content.js';

const dirs: string[] = [];
function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pilcrow-content-'));
  dirs.push(dir);
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const ARTICLE = '---\ntitle: Harbour\n---\n\nThe harbour is busy.\n';

function contentError(fn: () => unknown): ContentError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ContentError);
    return err as ContentError;
  }
  throw new Error('expected a ContentError');
}

describe('content files', () => {
  it('refuses a Latin-1 file naming the file and the line of the first bad byte, instead of loading "Caf� cr�me"', () => {
    const dir = folder({ 'cafe.md': Buffer.from('---\ntitle: Coffee\n---\n\nA plain line.\n\nCafé crème every morning.\n', 'latin1') });
    const err = contentError(() => loadArticles(dir));
    expect(err.message).toBe(
      `${join(dir, 'cafe.md')}:7: not UTF-8 text (it looks like Latin-1 or Windows-1252). Save the file as UTF-8, e.g. \`iconv -f latin1 -t utf-8\`.`,
    );
    expect(err.line).toBe(7);
  });

  it('skips macOS ._ files, dotfiles and backups, which would otherwise stop start-up', () => {
    const dir = folder({
      'harbour.md': ARTICLE,
      '._harbour.md': Buffer.from([0x00, 0x05, 0x16, 0x07, 0xff, 0xfe]),
      '.draft.md': 'not an article',
      'harbour.md~': 'old',
      '.git/x.md': 'no',
    });
    expect(loadArticles(dir).map((a) => a.info.id)).toEqual(['harbour']);
  });

  it('reads subfolders, the article id being the relative path', () => {
    const dir = folder({ 'harbour.md': ARTICLE, 'news/2024/cranes.md': '---\ntitle: Cranes\n---\n\nNew cranes arrive.\n' });
    expect(loadArticles(dir).map((a) => a.info.id)).toEqual(['harbour', 'news/2024/cranes']);
  });

  it('says a file given as the content folder is a file, and which folder to give', () => {
    const dir = folder({ 'harbour.md': ARTICLE });
    const err = contentError(() => loadArticles(join(dir, 'harbour.md')));
    expect(err.message).toBe(
      `${join(dir, 'harbour.md')}: is a file, not a folder. Point --content (or CONTENT_DIR) at the folder that holds the .md files, e.g. ${dir}.`,
    );
  });
});
