/**
 * The terminal's `insights` command and `npm run insights -- --csv`, on a real SQLite log filled
 * through the core.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../src/adapters/console/index.js';
import { csvField } from '../../src/cli/insights-csv.js';
import { insightsSource } from '../../src/store/question-log.js';
import { SqlQuestionLog } from '../../src/store/sql/question-log.js';
import { bundledBot } from '../helpers.js';
import { sqliteLocation } from '../store/databases.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');

describe('insights in the terminal and as CSV', () => {
  it('the terminal chat answers "insights" with the week\'s figures and gaps; questions are still answered', async () => {
    const where = sqliteLocation();
    const log = await SqlQuestionLog.open({ location: where.location, pruneEveryMs: 0 });
    const bot = await bundledBot({ log });
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (d: Buffer) => (text += d.toString()));
    const closed = new Promise<void>(
      (resolve) => void createConsoleAdapter({ bot, input, output, color: false, onClose: resolve, insights: insightsSource(log) }).start(),
    );
    input.write('What does the article say about India?\n');
    input.write('What did Samsung sign with YMTC?\n');
    await new Promise((r) => setImmediate(r));
    input.write('insights\n');
    input.end();
    await closed;
    await log.close();
    where.remove();
    expect(text).toContain("The article doesn't mention India.");
    expect(text).toMatch(/Last 7 days: 2 questions, 1 answered, 1 not covered/);
    expect(text).toContain('india — 1× (e.g. "What does the article say about India?")');
  });

  it('npm run insights -- --csv writes the period as CSV with hashed users', async () => {
    const where = sqliteLocation();
    const log = await SqlQuestionLog.open({ location: { kind: 'sqlite', file: join(where.dir, 'pilcrow.sqlite') }, pruneEveryMs: 0 });
    const bot = await bundledBot({ log });
    await bot.handle({ conversationId: 'slack:T:C:1', userId: 'URAWUSER', command: { kind: 'text', text: 'What did Samsung sign with YMTC?' } });
    await bot.handle({ conversationId: 'slack:T:C:1', userId: 'URAWUSER', command: { kind: 'text', text: 'Is "India", or =India, covered?' } });
    await log.close();
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/insights.ts', '--csv', '--days', '1'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: where.dir, DATABASE_URL: '' },
    });
    where.remove();
    const lines = stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('time,platform,article,status,question,terms,missing,paragraphs,up,down,user');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT[^,]+,slack,[^,]+,answered,What did Samsung sign with YMTC\?,/);
    expect(lines[2]).toContain(',not_covered,"Is ""India"", or =India, covered?",');
    expect(stdout).not.toContain('URAWUSER');
  });

  it("npm run insights -- --tenant counts one team's questions; without it, every team's, naming the teams", async () => {
    const where = sqliteLocation();
    const log = await SqlQuestionLog.open({ location: { kind: 'sqlite', file: join(where.dir, 'pilcrow.sqlite') }, pruneEveryMs: 0 });
    const bot = await bundledBot({ log });
    const asked = (tenant: string, text: string) => bot.handle({ conversationId: `${tenant}:C:1`, userId: 'U1', tenant, command: { kind: 'text', text } });
    await asked('slack:TAAAA', 'What did Samsung sign with YMTC?');
    await asked('slack:TAAAA', 'What is FEB?');
    await asked('discord:42', 'Is India mentioned?');
    await log.close();
    const insights = (...args: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'src/cli/insights.ts', '--days', '1', ...args], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: where.dir, DATABASE_URL: '' },
      });
    const one = await insights('--tenant', 'slack:TAAAA');
    const other = await insights('--tenant', 'discord:42', '--csv');
    const all = await insights();
    where.remove();
    expect(one.stdout).toMatch(/^2 questions \(2 answered, 0 not covered\)/);
    expect(one.stdout).not.toContain('india');
    expect(other.stdout.trimEnd().split('\r\n')).toHaveLength(2);
    expect(all.stdout).toMatch(/^3 questions/);
    expect(all.stdout).toContain('Teams (--tenant ID for one): discord:42, slack:TAAAA');
  });

  it('CSV fields that a spreadsheet would run as a formula are defused', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1')).toBe("'-1");
    expect(csvField(null)).toBe('');
  });

  it('a bad period gets one clear line, then the usage, and exit code 2 like every command', async () => {
    const failed = await run(process.execPath, ['--import', 'tsx', 'src/cli/insights.ts', '--csv', '--days', 'soon'], { cwd: ROOT }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect('code' in failed && failed.code).toBe(2);
    const stderr = (failed as { stderr: string }).stderr;
    expect(stderr.split('\n')[0]).toBe('--days expects a whole number from 1 to 3650 (got "soon").');
    expect(stderr).toContain('Usage: npm run insights -- [options]');
  });
});
