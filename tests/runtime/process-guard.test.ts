/** The process guard, in a real child process: errors escaping handlers are logged, the process lives. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('process guard', () => {
  it('logs an uncaught exception and an unhandled rejection, and the process keeps serving', { timeout: 90_000 }, () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'tests/fixtures/guarded-process.ts'], { cwd: ROOT, encoding: 'utf8', timeout: 80_000 });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('still serving {"uncaughtExceptions":1,"unhandledRejections":1}');
    const logged = run.stderr
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { msg: string; err?: { message: string } });
    expect(logged.map((l) => l.msg)).toEqual(['process guard: unhandled rejection; still serving', 'process guard: uncaught exception; still serving']);
    expect(logged[1]?.err?.message).toBe('handler bug: thrown from a timer');
  });
});
