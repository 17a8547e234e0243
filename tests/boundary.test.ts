/**
 * The layout holds: the core answers and imports only itself (no adapter, no chat SDK, no
 * environment); quality tooling is imported by nothing that answers; adapters never import the
 * CLI; no import cycle anywhere in src (type imports included); small rooms.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
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
    const adapters = readdirSync(join(SRC, 'adapters'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
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

  /** Relative imports of `file` (type imports included), as the .ts files they name. */
  const localImports = (file: string) =>
    importsOf(file)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => resolve(dirname(file), spec.replace(/\.js$/, '.ts')))
      .filter((target) => target.endsWith('.ts'));
  const all = filesUnder(SRC);
  const room = (file: string) => relative(SRC, file).split('/')[0]!;

  it('src/core imports only src/core', () => {
    for (const file of all.filter((f) => room(f) === 'core')) {
      for (const target of localImports(file)) expect(relative(SRC, target), file).toMatch(/^core\//);
    }
  });

  it('quality tooling is imported only by the CLI and itself; adapters never import the CLI', () => {
    for (const file of all) {
      const from = room(file);
      for (const target of localImports(file)) {
        if (room(target) === 'quality') expect(['quality', 'cli'], `${file} imports ${target}`).toContain(from);
        if (from === 'adapters') expect(room(target), `${file} imports ${target}`).not.toBe('cli');
      }
    }
  });

  it('no import cycle among src/**/*.ts, type imports included', () => {
    const graph = new Map(all.map((f) => [f, localImports(f)]));
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]): void => {
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'open')
          cycles.push(
            [...path, file, next]
              .slice(path.indexOf(next) >= 0 ? path.indexOf(next) : 0)
              .map((f) => relative(SRC, f))
              .join(' → '),
          );
        else if (!state.has(next)) visit(next, [...path, file]);
      }
      state.set(file, 'done');
    };
    for (const file of all) if (!state.has(file)) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('at most two loose files in src/, and no source file over 450 lines', () => {
    const loose = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.ts'));
    expect(loose.map((e) => e.name).length, loose.map((e) => e.name).join(', ')).toBeLessThanOrEqual(2);
    const long = all.filter((f) => readFileSync(f, 'utf8').split('\n').length > 451).map((f) => relative(SRC, f));
    expect(long).toEqual([]);
  });
});
