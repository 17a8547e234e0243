/**
 * The suite keeps away from the user's own state: articles they added to `content/` and the
 * question log in `data/`. The global set-up (`tests/fixtures/user-state-guard.ts`) fails a run
 * that changed either; these tests check the helpers it relies on.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArticles } from '../src/core/articles/content.js';
import { bundledContentCopy, isolatedEnv, tempDir } from './fixtures/isolated.js';
import { changedFiles, fingerprint } from './fixtures/user-state-guard.js';
import { CONTENT_DIR } from './helpers.js';

const TESTS = resolve(import.meta.dirname, '.');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe("the user's own state", () => {
  it('the shared content folder is a temporary copy holding only the bundled article', () => {
    expect(CONTENT_DIR.startsWith(resolve(TESTS, '..'))).toBe(false);
    expect(loadArticles(CONTENT_DIR).map((a) => a.info.id)).toEqual(['chinese-tech-going-global']);
  });

  it("no test names the repository's content/ or data/ folder except the isolation helper", () => {
    const reaching = /(['"`])(?:\.\.\/)+(?:content|data)(?:\/[^'"`]*)?\1|join\(ROOT, '(?:content|data)'/;
    const allowed = new Set(['fixtures/isolated.ts', 'fixtures/user-state-guard.ts', 'cli/terminal-articles.test.ts']);
    const offenders = sources(TESTS).filter((p) => !allowed.has(relative(TESTS, p)) && reaching.test(readFileSync(p, 'utf8')));
    expect(offenders.map((p) => relative(TESTS, p))).toEqual([]);
  });

  it('a child process gets empty configuration variables (a .env adds nothing), a temporary content and data folder', () => {
    const env = isolatedEnv({ LOG_LEVEL: 'warn' }, { PATH: '/bin' });
    for (const name of ['REDIS_URL', 'DATABASE_URL', 'DISCORD_TOKEN', 'SLACK_BOT_TOKEN', 'INSIGHTS_TOKEN']) expect(env[name]).toBe('');
    expect(env['LOG_LEVEL']).toBe('warn');
    expect(env['CONTENT_DIR']).not.toBe(CONTENT_DIR);
    expect(readdirSync(env['CONTENT_DIR']!)).toEqual(['chinese-tech-going-global.md']);
    expect(readdirSync(env['DATA_DIR']!)).toEqual([]);
  });

  it('the guard notices a file changed, added or removed', () => {
    const dir = bundledContentCopy();
    const before = fingerprint([dir]);
    writeFileSync(join(dir, 'chinese-tech-going-global.md'), 'changed');
    writeFileSync(join(dir, 'added.md'), '# added');
    const after = fingerprint([dir]);
    expect(changedFiles(before, after).map((p) => p.split('/').pop())).toEqual(['added.md', 'chinese-tech-going-global.md']);
    expect(changedFiles(before, before)).toEqual([]);
    expect(tempDir('x')).not.toBe(tempDir('x'));
  });
});
