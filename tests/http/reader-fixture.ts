/**
 * A Pilcrow on a small article written to a temporary folder (one paragraph holds HTML-like
 * text), served with the reader routes on 127.0.0.1 and a random port.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pilcrow } from '../../src/core/bot/pilcrow.js';
import type { Citation } from '../../src/core/types.js';
import { addReaderRoutes } from '../../src/http/reader.js';
import { readerLinks, ReaderSigner, type CitationLink } from '../../src/http/reader-link.js';
import { RouteTable } from '../../src/http/routes.js';
import { createHttpServer } from '../../src/http/server.js';

export const SECRET = 'f3c1'.repeat(16);
export const ARTICLE_ID = 'batteries';
/** Paragraph 3's text as written: tags that must show as text, never run. */
export const HOSTILE = 'Critics wrote <script>alert(1)</script> and <img src=x onerror="alert(2)"> into the comments & <b>bold</b> claims.';

const ARTICLE = `---
title: "Batteries <em>and</em> the grid"
source: "The Test Gazette"
author: "A. Writer"
url: "https://news.test/batteries"
---

Grid-scale batteries store cheap midday solar power and release it in the evening peak.

## Costs

The cost of lithium iron phosphate cells fell by half between 2020 and 2024, which made storage projects bankable.

${HOSTILE}

Sodium-ion cells avoid lithium entirely and tolerate cold weather better, though they hold less energy per kilogram.

## Planning

${Array.from({ length: 12 }, (_, i) => `Planners in district ${i + 1} reviewed transmission corridors, zoning hearings and substation upgrades before approving new sites.`).join('\n\n')}
`;

/** The last paragraph's number: far enough down that opening it means scrolling. */
export const LAST_PARAGRAPH = 16;

/** A running reader: the bot, its signer, a link builder, the server's base URL, and a clock to move. */
export interface ReaderRig {
  bot: Pilcrow;
  signer: ReaderSigner;
  link: CitationLink;
  base: string;
  clock: { now: number };
  refused: string[];
  /** A citation of paragraph `n`'s text from `start` to `end` (the whole paragraph by default). */
  citation(n: number, start?: number, end?: number): Citation;
  close(): Promise<void>;
}

/** A temporary content folder holding the article; `remove()` deletes it. */
export function articleFolder(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'pilcrow-reader-'));
  writeFileSync(join(dir, `${ARTICLE_ID}.md`), ARTICLE);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts a rig with links valid for `ttlHours` (default 720). */
export async function startReader(ttlHours = 720): Promise<ReaderRig> {
  const { dir, remove } = articleFolder();
  const bot = await Pilcrow.fromDirectory(dir);
  const clock = { now: Date.now() };
  const signer = new ReaderSigner(SECRET, ttlHours * 3_600_000, () => clock.now);
  const refused: string[] = [];
  const routes = new RouteTable();
  addReaderRoutes(routes, { signer, articles: () => bot.library.articles, onRefused: (reason) => void refused.push(reason) });
  const server = createHttpServer({ routes, port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${await server.start()}`;
  const link = readerLinks({ publicUrl: base, secret: SECRET, ttlHours }, signer);
  return {
    bot,
    signer,
    link,
    base,
    clock,
    refused,
    citation(n, start = 0, end) {
      const text = bot.library.articles[0]!.paragraphs[n - 1]!.text;
      const to = end ?? text.length;
      return { articleId: ARTICLE_ID, paragraph: n, label: `¶${n}`, excerpt: text.slice(start, to), start, end: to, highlights: [] };
    },
    async close() {
      await server.stop();
      remove();
    },
  };
}
