/** Shared test helpers: the real bundled article, loaded once per test file. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ConfigError, loadConfig } from '../src/runtime/config.js';
import { Pilcrow } from '../src/core/bot/pilcrow.js';
import type { PilcrowOptions } from '../src/core/bot/options.js';
import type { Reply } from '../src/core/types.js';

import { sharedBundledContent } from './fixtures/isolated.js';

/** A temporary folder holding only a copy of the bundled article (never the user's `content/`). */
export const CONTENT_DIR = sharedBundledContent();

/** A Pilcrow on the bundled article. */
export function bundledBot(options: PilcrowOptions = {}): Promise<Pilcrow> {
  return Pilcrow.fromDirectory(CONTENT_DIR, options);
}

/** Writes one made-up article (`lines`: its front matter and paragraphs) as `name`.md in a new temporary folder; returns the folder. */
export function pieceDir(name: string, lines: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), `pilcrow-${name}-`));
  writeFileSync(join(dir, `${name}.md`), lines.join('\n'));
  return dir;
}

let n = 0;
/** Asks `texts` in one fresh conversation; returns every reply. */
export async function converse(bot: Pilcrow, ...texts: string[]): Promise<Reply[]> {
  const conversationId = `test-${++n}`;
  const out: Reply[] = [];
  for (const text of texts) out.push(await bot.handle({ conversationId, userId: 'tester', command: { kind: 'text', text } }));
  return out;
}

/** Asks one question in a fresh conversation. */
export async function ask(bot: Pilcrow, text: string): Promise<Reply> {
  return (await converse(bot, text))[0]!;
}

/** The message of the ConfigError `loadConfig(env)` throws; fails when it throws none or another error. */
export function configError(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}
