/**
 * `npm run insights -- --csv [--days N | --from YYYY-MM-DD --to YYYY-MM-DD] [--article ID]`:
 * writes the question log for a period as CSV on stdout. Without `--csv`: the figures as text.
 * Reads the same configuration as `npm start` (DATA_DIR or DATABASE_URL).
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { SqlQuestionLog } from '../store/sql-question-log.js';
import { logLocation } from '../store/start.js';
import { toCsv } from './insights-csv.js';

const USAGE = 'usage: npm run insights -- [--csv] [--days N | --from YYYY-MM-DD [--to YYYY-MM-DD]] [--article ID]';
const DAY_MS = 86_400_000;

/** The period the arguments ask for. */
export function periodOf(values: { days?: string; from?: string; to?: string }, now = new Date()): { from: Date; to: Date } {
  const date = (s: string, flag: string) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(`${s}T00:00:00Z`))) throw new UsageError(`${flag} expects a date as YYYY-MM-DD (got "${s}").`);
    return new Date(`${s}T00:00:00Z`);
  };
  if (values.from !== undefined) {
    const from = date(values.from, '--from');
    const to = values.to === undefined ? now : new Date(date(values.to, '--to').getTime() + DAY_MS);
    if (to <= from) throw new UsageError('--to must not be before --from.');
    return { from, to };
  }
  const days = values.days === undefined ? 30 : Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new UsageError(`--days expects a whole number from 1 to 3650 (got "${values.days}").`);
  return { from: new Date(now.getTime() - days * DAY_MS), to: now };
}

class UsageError extends Error {}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: { csv: { type: 'boolean' }, days: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, article: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (args.values.help) {
    console.log(USAGE);
    return;
  }
  const period = periodOf(args.values);
  const config = loadConfig();
  const log = await SqlQuestionLog.open({ location: logLocation(config), retainDays: config.questionLog.retainDays, pruneEveryMs: 0 });
  try {
    const query = { ...period, ...(args.values.article ? { articleId: args.values.article } : {}) };
    if (args.values.csv) {
      process.stdout.write(toCsv(await log.rows(query)));
    } else {
      const i = await log.insights(query);
      const t = i.totals;
      console.log(`${t.questions} questions (${t.answered} answered, ${t.notCovered} not covered), 👍 ${t.up} 👎 ${t.down}, ${period.from.toISOString().slice(0, 10)} to ${period.to.toISOString().slice(0, 10)}.`);
      for (const g of i.gaps.slice(0, 10)) console.log(`  gap: ${g.terms || '(no words)'} — ${g.count}×`);
    }
  } finally {
    await log.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof ConfigError) console.error(error.message);
  else console.error(`insights: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
