/**
 * The terminal chat end to end, as `npm start` runs it (a child process reading stdin): adding
 * an article from a link and from a file, asking it the first questions, choosing articles, and
 * the choice surviving a restart. Links point at a local site on 127.0.0.1 (ALLOW_PRIVATE_URLS=1).
 * Added articles and the choice live in the library's database (DATA_DIR/library.sqlite, one data
 * folder for the whole file); the content folder stays as shipped.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedEnv, tempDir } from '../fixtures/isolated.js';
import { startSite, type Site } from '../ingest/site.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUNDLED = join(ROOT, 'content', 'chinese-tech-going-global.md');

/** Runs `npm start` (the same entry point) with `lines` on stdin; resolves with stdout, stderr and the exit code. */
function run(args: string[], lines: string[], env: Record<string, string> = {}, script = 'src/main.ts'): Promise<{ out: string; err: string; code: number }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, script), ...args],
      { cwd: ROOT, env: isolatedEnv({ NO_COLOR: '1', DATA_DIR: data, ...env }, { PATH: process.env['PATH'] ?? '' }), timeout: 100_000 },
      (error, stdout, stderr) => resolve({ out: stdout, err: stderr, code: error ? Number((error as { code?: number }).code ?? 1) : 0 }),
    );
    child.stdin!.end(lines.map((l) => `${l}\n`).join(''));
  });
}

let site: Site;
let dir: string;
const data = tempDir('terminal-data');
/** The text of the added article `id`, as stored in the library's database. */
function storedText(id: string): string | undefined {
  const db = new Database(join(data, 'library.sqlite'), { readonly: true });
  try {
    return (db.prepare('select text from added_articles where id = ?').get(id) as { text: string } | undefined)?.text;
  } finally {
    db.close();
  }
}
beforeAll(async () => {
  site = await startSite();
  dir = mkdtempSync(join(tmpdir(), 'pilcrow-terminal-'));
  copyFileSync(BUNDLED, join(dir, 'chinese-tech-going-global.md'));
});
afterAll(async () => {
  await site.close();
  rmSync(dir, { recursive: true, force: true });
});

// Each test starts `npm start` as a child process (one to two seconds alone, far more while the
// whole suite runs on two cores): the time limit is generous, the behaviour asserted exact.
const SLOW = { timeout: 120_000 };

describe('the terminal chat with articles added at run time', SLOW, () => {
  it('loads a news page by link, makes it current, and answers the first questions from it', async () => {
    const { out, code } = await run(
      ['--content', dir],
      [
        `load ${site.base}/news/harbour-cranes`,
        'What is this article about?',
        'Who wrote it?',
        'When was it published?',
        'Where is it from?',
        'Which ports compete with Rotterdam?',
        'quote 3',
        'thanks!',
        'Wie viel Prozent der Kräne sind elektrisch?',
        'list',
      ],
      { ALLOW_PRIVATE_URLS: '1' },
    );
    expect(code).toBe(0);
    expect(out).toContain(
      'Added “Rotterdam bets on electric cranes to cut harbour emissions” as rotterdam-bets-on-electric-cranes-to-cut-harbour-emissions (7 paragraphs). It is now the current article here.',
    );
    expect(out).toMatch(/"Rotterdam bets on electric cranes to cut harbour emissions" — source: The Coastal Ledger — by Marta Velde — published 2024-03-14/);
    expect(out).toContain('“Rotterdam bets on electric cranes to cut harbour emissions” is by Marta Velde. It is from The Coastal Ledger.');
    expect(out).toContain('was published on 2024-03-14');
    expect(out).toMatch(/is from The Coastal Ledger\. Link: http:\/\/127\.0\.0\.1:\d+\/news\/harbour-cranes/);
    expect(out).toMatch(
      /rotterdam-bets-on-electric-cranes-to-cut-harbour-emissions ¶5 \(Competition from Antwerp and Hamburg\)\n\s+“Rotterdam competes with Antwerp/,
    );
    expect(out).toContain('“Electric cranes need a strong connection to the grid');
    expect(out).toContain("You're welcome.");
    expect(out).toContain('I read questions in English only, and this looks like German.');
    expect(out).toMatch(/▸ rotterdam-bets-on-electric-cranes-to-cut-harbour-emissions — .* — current/);
    expect(readdirSync(dir)).not.toContain('rotterdam-bets-on-electric-cranes-to-cut-harbour-emissions.md');
    const file = storedText('rotterdam-bets-on-electric-cranes-to-cut-harbour-emissions') ?? '';
    expect(file).toMatch(/^---\ntitle: Rotterdam bets on electric cranes/);
    expect(file).toMatch(/\nadded_by: \S+\nadded_at: '\d{4}-\d\d-\d\dT/);
  });

  it('remembers the chosen article after a restart, and "use" switches it', async () => {
    const first = await run(['--content', dir], ['list', 'use chinese-tech-going-global', 'What did Samsung sign with YMTC?']);
    expect(first.out).toMatch(/▸ rotterdam-bets-on-electric-cranes-to-cut-harbour-emissions — .* — current/);
    expect(first.out).toContain('Now discussing “Chinese technology going global');
    expect(first.out).toMatch(/chinese-tech-going-global ¶1\n\s+“First, South Korea’s Samsung/);
    const second = await run(['--content', dir], ['list', 'quote rotterdam-bets-on-electric-cranes-to-cut-harbour-emissions 1', 'quote 1']);
    expect(second.out).toMatch(/▸ chinese-tech-going-global — .* — current/);
    expect(second.out).toContain('“The port of Rotterdam will replace forty diesel cranes');
    expect(second.out).toContain('“Two significant developments have emerged recently');
  });

  it('loads a PDF from a file on this machine, and refuses an unsafe link without ALLOW_PRIVATE_URLS', async () => {
    const pdf = join(tmpdir(), `pilcrow-corals-${process.pid}.pdf`);
    const { makePdf } = await import('../ingest/site.js');
    writeFileSync(pdf, await makePdf());
    try {
      const { out } = await run(
        ['--content', dir],
        [`load ${pdf}`, 'What do the corals tolerate?', `load ${site.base}/news/harbour-cranes`, 'load /no/such/file.md'],
      );
      expect(out).toContain('Added “Heat-tolerant corals of the Red Sea” as heat-tolerant-corals-of-the-red-sea (3 paragraphs).');
      expect(out).toMatch(/heat-tolerant-corals-of-the-red-sea ¶1\n\s+“Coral reefs in the northern Red Sea \*?\*?tolerate/);
      expect(out).toContain(`I can't fetch 127.0.0.1: it points to a private, local or reserved network address.`);
      expect(out).toContain('There is no file /no/such/file.md.');
      // The content folder stays as shipped; both added articles are in the database.
      expect(
        readdirSync(dir)
          .filter((n) => !n.startsWith('.'))
          .sort(),
      ).toEqual(['chinese-tech-going-global.md']);
      expect(storedText('heat-tolerant-corals-of-the-red-sea')).toMatch(/^---\ntitle: Heat-tolerant corals of the Red Sea/);
      expect(readdirSync(dir).filter((n) => n.includes('.tmp'))).toEqual([]);
    } finally {
      rmSync(pdf, { force: true });
    }
  });
});

describe('the command line', SLOW, () => {
  it('--help prints the usage; an unknown flag is an error with the usage', async () => {
    const help = await run(['--help'], []);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: npm start -- [options]');
    expect(help.out).toContain('--content DIR');
    const bad = await run(['--bogus'], []);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("Unknown option '--bogus'.");
    expect(bad.err).toContain('Usage: npm start -- [options]');
  });

  it('every command has --help: ask and discord:register too', async () => {
    const ask = await run(['--help'], [], {}, 'src/cli/ask.ts');
    expect(ask.code).toBe(0);
    expect(ask.out).toContain('Usage: npm run ask -- [options] "question"');
    const register = await run(['--nope'], [], {}, 'src/cli/discord-register.ts');
    expect(register.code).toBe(2);
    expect(register.err).toContain('Usage: npm run discord:register');
  });

  it('--content pointing at a file says so and names the folder to use', async () => {
    const { err, code } = await run(['--content', BUNDLED], []);
    expect(code).toBe(1);
    expect(err.trim()).toBe(
      `${BUNDLED}: is a file, not a folder. Point --content (or CONTENT_DIR) at the folder that holds the .md files, e.g. ${join(ROOT, 'content')}.`,
    );
  });
});
