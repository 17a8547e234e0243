/**
 * The question log on SQLite or PostgreSQL (one Kysely query layer for both).
 *
 * Reports from the core are queued and written in batches after the answer has gone: a slow or
 * failing database never delays or fails an answer (a failed batch is logged and dropped; a full
 * queue drops new reports rather than growing without bound). User and conversation ids are
 * stored only as salted HMACs; the salt is made once and kept in the database, so several
 * instances sharing a PostgreSQL log hash alike.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { CoreLogger, Feedback, QuestionEvent } from '../core/types.js';
import { terms as analyzedTerms } from '../core/text/analyzer.js';
import { gapJudge, type GapJudge } from './gap-kinds.js';
import type { ArticleTotals, AskedGroup, DayCount, Gap, Insights, InsightsQuery, LogRow, ParagraphFigures, QuestionLog, VotedAnswer } from './question-log.js';
import { openDatabase, type LogLocation } from './sql/connect.js';
import type { LogDatabase } from './sql/schema.js';

/** Options of the SQL question log. */
export interface SqlQuestionLogOptions {
  location: LogLocation;
  /** Keep the question text (else only its content words). Default true. */
  storeQuestions?: boolean;
  /** Rows older than this many days are deleted. Default 30. */
  retainDays?: number;
  logger?: CoreLogger;
  /** How often to prune, in ms. Default: hourly. 0: only when `prune()` is called. */
  pruneEveryMs?: number;
}

type Op = { kind: 'question'; event: QuestionEvent } | { kind: 'feedback'; feedback: Feedback; at: Date };

const DAY_MS = 86_400_000;
/** Reports waiting beyond this are dropped: the log must not eat the memory of a busy bot. */
const MAX_PENDING = 5_000;
const BATCH = 200;
/** Groups shown in each list of refusals (content gaps, and the rest). */
const GAPS_SHOWN = 20;
const SILENT: CoreLogger = { info: () => {}, warn: () => {} };

/** Which platform a conversation id comes from (the adapters' id formats). */
export function platformOf(conversationId: string): string {
  if (conversationId.startsWith('dc:')) return 'discord';
  if (conversationId.startsWith('slack:')) return 'slack';
  if (conversationId.startsWith('console-')) return 'terminal';
  return 'other';
}

/** The question log in a SQL database. Create with `SqlQuestionLog.open`. */
export class SqlQuestionLog implements QuestionLog {
  private pending: Op[] = [];
  private writing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Reports dropped because the queue was full or a write failed (for logs and tests). */
  dropped = 0;

  private constructor(
    private readonly db: Kysely<LogDatabase>,
    private readonly salt: string,
    private readonly storeQuestions: boolean,
    private readonly retainDays: number,
    private readonly logger: CoreLogger,
  ) {}

  /** Opens (creating and migrating when needed) the log, prunes it, and starts pruning hourly. */
  static async open(options: SqlQuestionLogOptions): Promise<SqlQuestionLog> {
    const { db } = await openDatabase(options.location);
    try {
      await db
        .insertInto('pilcrow_meta')
        .values({ key: 'id_salt', value: randomBytes(32).toString('base64url') })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      const { value: salt } = await db.selectFrom('pilcrow_meta').select('value').where('key', '=', 'id_salt').executeTakeFirstOrThrow();
      const log = new SqlQuestionLog(db, salt, options.storeQuestions ?? true, options.retainDays ?? 30, options.logger ?? SILENT);
      await log.prune();
      const every = options.pruneEveryMs ?? 60 * 60 * 1000;
      if (every > 0) {
        log.timer = setInterval(() => void log.prune().catch((e: unknown) => log.warn('prune failed', e)), every);
        log.timer.unref();
      }
      return log;
    } catch (error) {
      await db.destroy();
      throw error;
    }
  }

  /** The salted hash an id is stored as (`kind` keeps user and conversation hashes apart). */
  hash(kind: 'user' | 'conversation', id: string): string {
    return createHmac('sha256', this.salt).update(`${kind}:${id}`).digest('base64url').slice(0, 32);
  }

  question(event: QuestionEvent): void {
    this.enqueue({ kind: 'question', event });
  }

  feedback(feedback: Feedback, at: Date): void {
    this.enqueue({ kind: 'feedback', feedback, at });
  }

  private enqueue(op: Op): void {
    if (this.closed) return;
    if (this.pending.length >= MAX_PENDING) {
      this.dropped += 1;
      return;
    }
    this.pending.push(op);
    // After the current turn: the answer is sent before the log is written.
    this.writing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.drain());
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, BATCH);
      try {
        await this.db.transaction().execute(async (tx) => {
          // Consecutive questions go in one multi-row insert: a busy bot pays a few round trips
          // per batch, not per answer. A vote waits for the questions before it.
          for (let k = 0; k < batch.length; ) {
            const op = batch[k]!;
            if (op.kind === 'feedback') {
              await this.vote(tx, op.feedback, op.at);
              k += 1;
              continue;
            }
            const run: QuestionEvent[] = [];
            for (; k < batch.length && batch[k]!.kind === 'question'; k++) run.push((batch[k] as { event: QuestionEvent }).event);
            await this.insert(tx, run);
          }
        });
      } catch (error) {
        this.dropped += batch.length;
        this.warn(`write failed; ${batch.length} report(s) dropped`, error);
      }
    }
    this.writing = undefined;
  }

  private async insert(tx: Transaction<LogDatabase>, events: readonly QuestionEvent[]): Promise<void> {
    const rows = events.map((e) => ({ id: randomUUID(), e }));
    await tx
      .insertInto('questions')
      .values(
        rows.map(({ id, e }) => ({
          id,
          at: e.at.getTime(),
          platform: platformOf(e.conversationId),
          article: e.articleId,
          status: e.status,
          question: this.storeQuestions ? e.question : null,
          terms: e.terms.join(' '),
          missing: [...new Set(e.missing)].sort().join(' '),
          user_hash: this.hash('user', e.userId),
          conversation_hash: this.hash('conversation', e.conversationId),
          first_paragraph: e.citations[0]?.paragraph ?? null,
        })),
      )
      .execute();
    const citations = rows.flatMap(({ id, e }) =>
      e.citations.map((c, position) => ({ question_id: id, position, at: e.at.getTime(), article: c.articleId, paragraph: c.paragraph, excerpt: c.excerpt })),
    );
    if (citations.length > 0) await tx.insertInto('citations').values(citations).execute();
  }

  /** Counts the vote on the latest answer in the conversation citing the voted paragraph first. */
  private async vote(tx: Transaction<LogDatabase>, f: Feedback, at: Date): Promise<void> {
    let target = tx
      .selectFrom('questions')
      .select('id')
      .where('conversation_hash', '=', this.hash('conversation', f.conversationId))
      .where('status', '=', 'answered')
      .where('at', '<=', at.getTime());
    if (f.citation) target = target.where('article', '=', f.citation.articleId).where('first_paragraph', '=', f.citation.paragraph);
    const column = f.vote === 'up' ? 'up' : 'down';
    await tx
      .updateTable('questions')
      .set((eb) => ({ [column]: eb(column, '+', 1) }))
      .where('id', 'in', target.orderBy('at', 'desc').limit(1))
      .execute();
  }

  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  async prune(now = new Date()): Promise<number> {
    const cutoff = now.getTime() - this.retainDays * DAY_MS;
    await this.db.deleteFrom('citations').where('at', '<', cutoff).execute();
    const result = await this.db.deleteFrom('questions').where('at', '<', cutoff).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async insights(query: InsightsQuery, judge: GapJudge = gapJudge()): Promise<Insights> {
    const [days, paragraphs, refusals, mostAsked, articles, downvoted, votes] = await Promise.all([
      this.days(query),
      query.articleId === undefined ? Promise.resolve([]) : this.paragraphs(query),
      this.gaps(query, judge),
      this.mostAsked(query),
      this.articleTotals(query),
      this.downvoted(query),
      this.scoped(query).select((eb) => [eb.fn.sum<number>('up').as('up'), eb.fn.sum<number>('down').as('down')]).executeTakeFirst(),
    ]);
    const answered = days.reduce((n, d) => n + d.answered, 0);
    const notCovered = days.reduce((n, d) => n + d.notCovered, 0);
    return {
      from: query.from,
      to: query.to,
      ...(query.articleId === undefined ? {} : { articleId: query.articleId }),
      totals: { questions: answered + notCovered, answered, notCovered, up: Number(votes?.up ?? 0), down: Number(votes?.down ?? 0) },
      days,
      paragraphs,
      gaps: refusals.filter((g) => g.kind === 'not_in_article').slice(0, GAPS_SHOWN),
      unclear: refusals.filter((g) => g.kind !== 'not_in_article').slice(0, GAPS_SHOWN),
      mostAsked,
      articles,
      downvoted,
    };
  }

  /** Questions in the period (and article). */
  private scoped(query: InsightsQuery) {
    let q = this.db.selectFrom('questions').where('at', '>=', query.from.getTime()).where('at', '<', query.to.getTime());
    if (query.articleId !== undefined) q = q.where('article', '=', query.articleId);
    return q;
  }

  private async days(query: InsightsQuery): Promise<DayCount[]> {
    const day = sql<number>`at / ${sql.lit(DAY_MS)}`;
    const rows = await this.scoped(query)
      .select((eb) => [day.as('day'), 'status', eb.fn.countAll<number>().as('n')])
      .groupBy([day, 'status'])
      .execute();
    const byDay = new Map<number, DayCount>();
    const first = Math.floor(query.from.getTime() / DAY_MS);
    const last = Math.floor((query.to.getTime() - 1) / DAY_MS);
    for (let d = first; d <= last; d++) byDay.set(d, { day: new Date(d * DAY_MS).toISOString().slice(0, 10), answered: 0, notCovered: 0 });
    for (const r of rows) {
      const entry = byDay.get(Number(r.day));
      if (!entry) continue;
      if (r.status === 'answered') entry.answered += Number(r.n);
      else entry.notCovered += Number(r.n);
    }
    return [...byDay.values()];
  }

  private async paragraphs(query: InsightsQuery): Promise<ParagraphFigures[]> {
    const cited = await this.db
      .selectFrom('citations')
      .select((eb) => ['paragraph', eb.fn.countAll<number>().as('n')])
      .where('article', '=', query.articleId!)
      .where('at', '>=', query.from.getTime())
      .where('at', '<', query.to.getTime())
      .groupBy('paragraph')
      .execute();
    const votes = await this.scoped(query)
      .select((eb) => ['first_paragraph', eb.fn.sum<number>('up').as('up'), eb.fn.sum<number>('down').as('down')])
      .where('first_paragraph', 'is not', null)
      .groupBy('first_paragraph')
      .execute();
    const out = new Map<number, ParagraphFigures>();
    const at = (p: number) => out.get(p) ?? out.set(p, { paragraph: p, cited: 0, up: 0, down: 0 }).get(p)!;
    for (const r of cited) at(Number(r.paragraph)).cited = Number(r.n);
    for (const r of votes) {
      const f = at(Number(r.first_paragraph));
      f.up = Number(r.up);
      f.down = Number(r.down);
    }
    return [...out.values()].sort((a, b) => a.paragraph - b.paragraph);
  }

  /** Refused questions grouped by their missing words, each group judged, most asked first. */
  private async gaps(query: InsightsQuery, judge: GapJudge, limit = 500): Promise<Gap[]> {
    const groups = await this.scoped(query)
      .select((eb) => ['missing', eb.fn.countAll<number>().as('n'), eb.fn.max('at').as('last')])
      .where('status', '=', 'not_covered')
      .groupBy('missing')
      .orderBy('n', 'desc')
      .orderBy('last', 'desc')
      .limit(limit)
      .execute();
    if (groups.length === 0) return [];
    const examples = await this.scoped(query)
      .select(['missing', 'question'])
      .where('status', '=', 'not_covered')
      .where('question', 'is not', null)
      .where(
        'missing',
        'in',
        groups.map((g) => g.missing),
      )
      .orderBy('at', 'desc')
      .execute();
    const example = new Map<string, string>();
    for (const e of examples) if (!example.has(e.missing) && e.question) example.set(e.missing, e.question);
    return groups.map((g) => {
      const question = example.get(g.missing);
      const kind = judge({ missing: g.missing.split(' ').filter(Boolean), ...(question === undefined ? {} : { question }) });
      return { terms: g.missing, count: Number(g.n), ...(question === undefined ? {} : { example: question }), kind };
    });
  }

  /**
   * The most-asked questions, answered or not, grouped by their content words as the analyzer
   * reads them ("What did Samsung sign?" and "what did samsung sign" are one group). Reads at most
   * the period's latest `scan` questions.
   */
  private async mostAsked(query: InsightsQuery, limit = 10, scan = 20_000): Promise<AskedGroup[]> {
    const rows = await this.scoped(query).select(['terms', 'question', 'status', 'article']).orderBy('at', 'desc').limit(scan).execute();
    const groups = new Map<string, AskedGroup & { byArticle: Map<string, number> }>();
    for (const r of rows) {
      const key = [...new Set(analyzedTerms(r.terms))].sort().join(' ');
      if (key === '') continue;
      let g = groups.get(key);
      if (!g) {
        g = { terms: r.terms, count: 0, answered: 0, article: r.article, byArticle: new Map() };
        if (r.question !== null) g.example = r.question;
        groups.set(key, g);
      }
      g.count++;
      if (r.status === 'answered') g.answered++;
      g.byArticle.set(r.article, (g.byArticle.get(r.article) ?? 0) + 1);
    }
    return [...groups.values()]
      .sort((a, b) => b.count - a.count)
      .slice(0, limit)
      .map(({ byArticle, ...g }) => ({ ...g, article: [...byArticle].sort((a, b) => b[1] - a[1])[0]![0] }));
  }

  /** Every article's figures in the period, most asked first (the article filter does not apply). */
  private async articleTotals(query: InsightsQuery): Promise<ArticleTotals[]> {
    const rows = await this.scoped({ from: query.from, to: query.to })
      .select((eb) => ['article', 'status', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('up').as('up'), eb.fn.sum<number>('down').as('down')])
      .groupBy(['article', 'status'])
      .execute();
    const out = new Map<string, ArticleTotals>();
    for (const r of rows) {
      const a = out.get(r.article) ?? out.set(r.article, { article: r.article, questions: 0, answered: 0, notCovered: 0, up: 0, down: 0 }).get(r.article)!;
      a.questions += Number(r.n);
      if (r.status === 'answered') a.answered += Number(r.n);
      else a.notCovered += Number(r.n);
      a.up += Number(r.up ?? 0);
      a.down += Number(r.down ?? 0);
    }
    return [...out.values()].sort((a, b) => b.questions - a.questions || a.article.localeCompare(b.article));
  }

  private async downvoted(query: InsightsQuery, limit = 10): Promise<VotedAnswer[]> {
    const rows = await this.scoped(query)
      .select(['id', 'at', 'article', 'question', 'terms', 'up', 'down'])
      .where('down', '>', 0)
      .orderBy('down', 'desc')
      .orderBy('at', 'desc')
      .limit(limit)
      .execute();
    if (rows.length === 0) return [];
    const cites = await this.db
      .selectFrom('citations')
      .select(['question_id', 'paragraph', 'excerpt'])
      .where(
        'question_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('position')
      .execute();
    return rows.map((r) => ({
      at: new Date(Number(r.at)),
      article: r.article,
      ...(r.question === null ? {} : { question: r.question }),
      terms: r.terms,
      up: Number(r.up),
      down: Number(r.down),
      citations: cites.filter((c) => c.question_id === r.id).map((c) => ({ paragraph: Number(c.paragraph), excerpt: c.excerpt })),
    }));
  }

  async rows(query: InsightsQuery): Promise<LogRow[]> {
    const rows = await this.scoped(query)
      .select(['id', 'at', 'platform', 'article', 'status', 'question', 'terms', 'missing', 'up', 'down', 'user_hash'])
      .orderBy('at')
      .execute();
    const cites = await this.db
      .selectFrom('citations')
      .select(['question_id', 'paragraph'])
      .where('at', '>=', query.from.getTime())
      .where('at', '<', query.to.getTime())
      .orderBy('position')
      .execute();
    const paragraphs = new Map<string, number[]>();
    for (const c of cites) (paragraphs.get(c.question_id) ?? paragraphs.set(c.question_id, []).get(c.question_id)!).push(Number(c.paragraph));
    return rows.map((r) => ({
      at: new Date(Number(r.at)),
      platform: r.platform,
      article: r.article,
      status: r.status,
      question: r.question,
      terms: r.terms,
      missing: r.missing,
      paragraphs: paragraphs.get(r.id) ?? [],
      up: Number(r.up),
      down: Number(r.down),
      user: r.user_hash,
    }));
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    clearInterval(this.timer);
    await this.db.destroy();
  }

  private warn(what: string, error: unknown): void {
    this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, `question log: ${what}`);
  }
}
