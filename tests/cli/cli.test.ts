/**
 * Every command-line entry point, as npm runs it (a child process): a real `--help` that exits 0,
 * a wrong flag or a missing argument that prints the problem and the usage and exits 2. The
 * environment holds no token.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function run(script: string, args: string[]): Promise<{ out: string; err: string; code: number }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script, ...args],
      { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', DATABASE_URL: '' }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ out: stdout, err: stderr, code: error ? Number((error as { code?: number }).code ?? 1) : 0 }),
    );
  });
}

const COMMANDS: [script: string, usage: string][] = [
  ['src/cli/ask.ts', 'Usage: npm run ask -- [options] "question"'],
  ['src/cli/insights.ts', 'Usage: npm run insights -- [options]'],
  ['src/cli/eval.ts', 'Usage: npm run eval -- [options] [FILE]'],
  ['src/cli/eval-squad.ts', 'Usage: npm run eval:squad -- [options] [DIR]'],
  ['src/cli/calibrate.ts', 'Usage: npm run calibrate -- [options] DIR'],
  ['scripts/demo/run.ts', 'Usage: npm run demo -- [options]'],
];

describe('the command line', () => {
  it.each(COMMANDS)(
    '%s: --help prints the usage with its options and exits 0; a wrong flag exits 2 with the usage',
    async (script, usage) => {
      const help = await run(script, ['--help']);
      expect(help.code).toBe(0);
      expect(help.out).toContain(usage);
      expect(help.out).toContain('-h, --help');
      const bad = await run(script, ['--bogus']);
      expect(bad.code).toBe(2);
      expect(bad.err).toContain("Unknown option '--bogus'.");
      expect(bad.err).toContain(usage);
    },
    60_000,
  );

  it('npm run ask with no question prints its usage and exits 2, not the chat help', async () => {
    const { code, out, err } = await run('src/cli/ask.ts', []);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('No question given.');
    expect(err).toContain('Usage: npm run ask -- [options] "question"');
  }, 60_000);

  it('npm run demo runs with no token and no network: the real adapters answer through the local fakes', async () => {
    const { code, out } = await run('scripts/demo/run.ts', ['--no-page']);
    expect(code).toBe(0);
    expect(out).toContain('Slack — you: @Pilcrow What did Samsung sign with YMTC?');
    expect(out).toContain('[Share in channel]');
    expect(out).toContain('Discord — you: /ask question: What did Samsung sign with YMTC?');
    expect(out).toMatch(/\[More\] \[Full paragraph ¶1\]/);
    expect(out).toContain("The article doesn't mention India.");
  }, 90_000);

  it('calibrate with no folder says so and exits 2', async () => {
    const { code, err } = await run('src/cli/calibrate.ts', []);
    expect(code).toBe(2);
    expect(err).toContain('No folder of question sets given.');
  }, 60_000);
});
