/**
 * `npm run insights -- --csv [--days N | --from YYYY-MM-DD --to YYYY-MM-DD] [--article ID] [--tenant ID]`:
 * writes the question log for a period as CSV on stdout. Without `--csv`: the figures as text.
 * Reads the same configuration as `npm start` (DATA_DIR or DATABASE_URL).
 */
import { loadConfig } from '../runtime/config.js';
import { Pilcrow } from '../core/bot/pilcrow.js';
import { GAP_KIND_LABELS, gapJudge, heldBy, type GapJudge } from '../store/gap-kinds.js';
import { DEFAULT_INSIGHTS_DAYS } from '../store/question-log.js';
import { SqlQuestionLog } from '../store/sql/question-log.js';
import { libraryLocation, readLibraryArticles } from '../store/library-start.js';
import type { LibraryLocation } from '../store/library.js';
import { logLocation } from '../store/start.js';
import { parseCli, UsageError } from '../runtime/args.js';
import { toCsv } from './insights-csv.js';
import { runCli } from './run.js';

const USAGE = `Usage: npm run insights -- [options]

What your team asked: the question log's figures for a period, or the log itself as CSV. Reads
the same settings as \`npm start\` (DATA_DIR, or DATABASE_URL for PostgreSQL).

Options:
  --days N           the last N days (default ${DEFAULT_INSIGHTS_DAYS}, as on the page, Slack and Discord)
  --from YYYY-MM-DD  the period's first day (UTC) instead of --days
  --to YYYY-MM-DD    its last day, included (default: today)
  --article ID       one article's questions only
  --tenant ID        one team's questions only: a Slack workspace (slack:T…), Grid organization (slack:E…)
                     or Discord server (discord:…); without it, every team's, and the text lists the teams
  --content DIR      the folder of articles, to tell content gaps from the rest (default: $CONTENT_DIR, else ./content)
  --csv              print every question of the period as CSV (to save: > log.csv)
  -h, --help         show this help

Examples:
  npm run insights
  npm run insights -- --days 30 --article chinese-tech-going-global
  npm run insights -- --tenant slack:T0123ABCD
  npm run insights -- --csv --from 2026-11-01 --to 2026-11-30 > november.csv`;
const DAY_MS = 86_400_000;

/** The period the arguments ask for. */
export function periodOf(values: { days?: string; from?: string; to?: string }, now = new Date()): { from: Date; to: Date } {
  const date = (s: string, flag: string) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(`${s}T00:00:00Z`)))
      throw new UsageError(`${flag} expects a date as YYYY-MM-DD (got "${s}").\n\n${USAGE}`);
    return new Date(`${s}T00:00:00Z`);
  };
  if (values.from !== undefined) {
    const from = date(values.from, '--from');
    const to = values.to === undefined ? now : new Date(date(values.to, '--to').getTime() + DAY_MS);
    if (to <= from) throw new UsageError(`--to must not be before --from.\n\n${USAGE}`);
    return { from, to };
  }
  const days = values.days === undefined ? DEFAULT_INSIGHTS_DAYS : Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 3650)
    throw new UsageError(`--days expects a whole number from 1 to 3650 (got "${values.days}").\n\n${USAGE}`);
  return { from: new Date(now.getTime() - days * DAY_MS), to: now };
}

/** The judge against the articles (bundled and added from chat), when they load; else from the log alone. */
async function judgeFor(contentDir: string, location: LibraryLocation): Promise<GapJudge> {
  try {
    const quiet = { info: () => {}, warn: () => {}, error: () => {} };
    const bot = new Pilcrow(await readLibraryArticles(location, contentDir, quiet));
    return gapJudge(heldBy((t) => bot.library.has(t)));
  } catch {
    return gapJudge();
  }
}

async function main(): Promise<void> {
  const { values } = parseCli(USAGE, {
    csv: { type: 'boolean' },
    days: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    article: { type: 'string' },
    tenant: { type: 'string' },
    content: { type: 'string' },
  });
  const period = periodOf(values);
  const config = loadConfig();
  const log = await SqlQuestionLog.open({ location: logLocation(config), retainDays: config.questionLog.retainDays, pruneEveryMs: 0 });
  try {
    const query = { ...period, ...(values.article ? { articleId: values.article } : {}), ...(values.tenant ? { tenant: values.tenant } : {}) };
    if (values.csv) {
      process.stdout.write(toCsv(await log.rows(query)));
      return;
    }
    const i = await log.insights(query, await judgeFor(values.content ?? config.contentDir, libraryLocation(config)));
    const t = i.totals;
    console.log(
      `${t.questions} questions (${t.answered} answered, ${t.notCovered} not covered), 👍 ${t.up} 👎 ${t.down}, ${period.from.toISOString().slice(0, 10)} to ${period.to.toISOString().slice(0, 10)}.`,
    );
    if (!values.tenant) {
      const teams = await log.tenants(period.from);
      if (teams.length > 1) console.log(`Teams (--tenant ID for one): ${teams.join(', ')}`);
    }
    if (!values.article && i.articles.length > 1) {
      console.log('By article:');
      for (const a of i.articles) console.log(`  ${a.article}: ${a.questions} questions, ${a.answered} answered, ${a.notCovered} not covered`);
    }
    if (i.mostAsked.length > 0) console.log('Most asked:');
    for (const g of i.mostAsked) console.log(`  ${g.example ?? g.terms} — ${g.count}× (${g.answered} answered)`);
    if (i.gaps.length > 0) console.log('Content gaps (not in the article):');
    for (const g of i.gaps.slice(0, 10)) console.log(`  ${g.terms || '(no words)'} — ${g.count}×${g.example ? ` (e.g. "${g.example}")` : ''}`);
    if (i.unclear.length > 0) console.log('Not gaps (not understood, off-topic, another language, too short):');
    for (const g of i.unclear.slice(0, 10))
      console.log(`  ${g.terms || '(no words)'} — ${g.count}×, ${GAP_KIND_LABELS[g.kind]}${g.example ? ` (e.g. "${g.example}")` : ''}`);
  } finally {
    await log.close();
  }
}

await runCli(main);
