/** The core stays platform-agnostic: it imports no adapter and no chat SDK, and reads no environment. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);

describe('boundaries', () => {
  it('src/core imports nothing from src/adapters, discord.js or @slack/bolt', () => {
    const core = filesUnder(join(SRC, 'core'));
    expect(core.length).toBeGreaterThan(5);
    for (const file of core) {
      for (const spec of importsOf(file)) {
        expect(spec, file).not.toMatch(/adapters|^discord\.js|^@discordjs\/|^@slack\//);
        expect(spec, file).not.toMatch(/\.\.\/config|\.\.\/logger/);
      }
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/process\.env/);
    }
  });

  it('adapters never import each other', () => {
    const adapters = readdirSync(join(SRC, 'adapters'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    for (const name of adapters) {
      for (const file of filesUnder(join(SRC, 'adapters', name))) {
        for (const spec of importsOf(file)) {
          for (const other of adapters.filter((o) => o !== name)) expect(spec, file).not.toMatch(new RegExp(`adapters/${other}|\\.\\./${other}/`));
        }
      }
    }
  });

  it('nothing under src reads ../shared', () => {
    for (const file of filesUnder(SRC)) expect(readFileSync(file, 'utf8'), file).not.toMatch(/\.\.\/shared/);
  });
});
