/** The Discord adapter stays in its lane: no other adapter, no environment reads, no core internals. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const DIR = fileURLToPath(new URL('../../../src/adapters/discord', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const files = sources(DIR).map((file) => ({ name: relative(DIR, file), text: readFileSync(file, 'utf8') }));
const importsOf = (text: string) => [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!);

describe('Discord adapter boundaries', () => {
  test.each(files.map((f) => [f.name, f] as const))('%s imports no other adapter and no Slack SDK', (_name, file) => {
    for (const spec of importsOf(file.text)) {
      expect(spec).not.toMatch(/adapters\/(?!discord)|^\.\.\/(slack|console)|@slack\//);
    }
  });

  test.each(files.map((f) => [f.name, f] as const))('%s uses only the core types and facade, never its internals', (_name, file) => {
    for (const spec of importsOf(file.text).filter((s) => s.includes('/core/'))) {
      expect(spec).toMatch(/\/core\/(types|bot\/pilcrow)\.js$/);
    }
  });

  test('no module reads process.env (configuration comes from src/runtime/config.ts)', () => {
    for (const file of files) expect(file.text, file.name).not.toMatch(/process\.env/);
  });
});
