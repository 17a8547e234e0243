/**
 * The question log on SQLite or PostgreSQL (one Kysely query layer for both).
 *
 * Reports from the core are queued and written in batches after the answer has gone: a slow or
 * failing database never delays or fails an answer. A batch the database refuses is spooled to a
 * file (`spoolFile`, in DATA_DIR; bounded) and written again once the database answers; only a
 * full spool or a full queue drops reports, and that is counted and logged. User and conversation ids are
 * stored only as salted HMACs; the salt is made once and kept in the database, so several
 * instances sharing a PostgreSQL log hash alike.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { CoreLogger, Feedback, QuestionEvent } from '../../core/types.js';
import { terms as analyzedTerms } from '../../core/text/analyzer.js';
import { gapJudge, type GapJudge } from '../gap-kinds.js';
import type { ArticleTotals, AskedGroup, DayCount, Gap, Insights, InsightsQuery, LogRow, ParagraphFigures, QuestionLog, VotedAnswer } from '../question-log.js';
import { openDatabase, type LogLocation } from './connect.js';
import type { LogDatabase } from './schema.js';

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
  /**
   * Where batches the database refused wait (JSON Lines of rows already hashed, as they would be
   * stored). Unset: a refused batch is dropped (counted and logged).
   */
  spoolFile?: string;
  /** The spool's largest size in bytes; past it, refused batches are dropped. Default 20 MB. */
  maxSpoolBytes?: number;
  /** How often the spool is written again while the database is away, in ms. Default 5,000. */
  retryEveryMs?: number;
}

type Op = { kind: 'question'; event: QuestionEvent } | { kind: 'feedback'; feedback: Feedback; at: Date };

/** An op as stored: ids hashed, the question text kept or not — what a spool line holds. */
type Row =
  | { kind: 'question'; question: Omit<LogDatabase['questions'], 'up' | 'down'>; citations: LogDatabase['citations'][] }
  | { kind: 'feedback'; conversationHash: string; vote: 'up' | 'down'; citation?: { articleId: string; paragraph: number }; at: number };

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
  private retryTimer: NodeJS.Timeout | undefined;
  /** Why the last write failed, while the database is away; `undefined` while it answers. */
  private failure: string | undefined;
  /** Reports dropped because the queue or the spool was full, or a write failed with no spool (for logs and tests). */
  dropped = 0;
  /** Reports waiting in the spool file for the database to come back. */
  spooled = 0;
  private spoolFile: string | undefined;
  private maxSpoolBytes = 20_000_000;
  private retryEveryMs = 5_000;

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
      log.spoolFile = options.spoolFile;
      if (options.maxSpoolBytes !== undefined) log.maxSpoolBytes = options.maxSpoolBytes;
      if (options.retryEveryMs !== undefined) log.retryEveryMs = options.retryEveryMs;
      // Reports spooled by an earlier run (the database was away when it stopped) go in first.
      log.spooled = log.readSpool().length;
      if (log.spooled > 0) {
        log.logger.info({ reports: log.spooled }, 'question log: writing reports spooled by an earlier run');
        log.kick();
        await log.flush();
      }
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
    this.kick(new Promise<void>((resolve) => setImmediate(resolve)));
  }

  /** Starts a drain unless one runs (`writing` is cleared when it ends, always after this returns). */
  private kick(first: Promise<void> = Promise.resolve()): void {
    this.writing ??= first
      .then(() => this.drain())
      .finally(() => {
        this.writing = undefined;
      });
  }

  private async drain(): Promise<void> {
    // Spooled reports first, so votes find the questions they count against.
    // While the database is away, new reports join the spool without waiting on it; the retry
    // timer tries the database again.
    if (this.spooled > 0 && ((this.failure !== undefined && this.retryTimer !== undefined) || !(await this.replay()))) {
      this.spool(this.prepare(this.pending.splice(0)));
      return;
    }
    while (this.pending.length > 0) {
      const batch = this.prepare(this.pending.splice(0, BATCH));
      try {
        await this.write(batch);
        this.recovered();
      } catch (error) {
        this.failed(error);
        this.spool([...batch, ...this.prepare(this.pending.splice(0))]);
      }
    }
  }

  /** The rows of `ops`, ids hashed: what is written or spooled. */
  private prepare(ops: readonly Op[]): Row[] {
    return ops.map((op) => {
      if (op.kind === 'feedback') {
        const f = op.feedback;
        return { kind: 'feedback', conversationHash: this.hash('conversation', f.conversationId), vote: f.vote, ...(f.citation ? { citation: f.citation } : {}), at: op.at.getTime() };
      }
      const e = op.event;
      const id = randomUUID();
      return {
        kind: 'question',
        question: {
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
        },
        citations: e.citations.map((c, position) => ({ question_id: id, position, at: e.at.getTime(), article: c.articleId, paragraph: c.paragraph, excerpt: c.excerpt })),
      };
    });
  }

  /** Writes `rows` in one transaction. */
  private async write(rows: readonly Row[]): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      // Consecutive questions go in one multi-row insert: a busy bot pays a few round trips
      // per batch, not per answer. A vote waits for the questions before it.
      for (let k = 0; k < rows.length; ) {
        const row = rows[k]!;
        if (row.kind === 'feedback') {
          await this.vote(tx, row);
          k += 1;
          continue;
        }
        const run: Extract<Row, { kind: 'question' }>[] = [];
        for (; k < rows.length && rows[k]!.kind === 'question'; k++) run.push(rows[k] as Extract<Row, { kind: 'question' }>);
        await tx.insertInto('questions').values(run.map((r) => r.question)).execute();
        const citations = run.flatMap((r) => r.citations);
        if (citations.length > 0) await tx.insertInto('citations').values(citations).execute();
      }
    });
  }

  /** Appends `rows` to the spool (or drops them, counted and logged, without one or when it is full). */
  private spool(rows: readonly Row[]): void {
    if (rows.length === 0) return;
    const text = rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
    let reason: string | undefined;
    if (!this.spoolFile) reason = 'no spool file';
    else if (this.spoolBytes() + Buffer.byteLength(text) > this.maxSpoolBytes) reason = `the spool is full (${this.maxSpoolBytes} bytes)`;
    if (!reason) {
      try {
        mkdirSync(dirname(this.spoolFile!), { recursive: true });
        appendFileSync(this.spoolFile!, text, { mode: 0o600 });
        this.spooled += rows.length;
        this.scheduleRetry();
        return;
      } catch (error) {
        reason = `the spool cannot be written: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    this.dropped += rows.length;
    this.logger.warn({ dropped: rows.length, droppedTotal: this.dropped }, `question log: database unavailable and ${reason}; ${rows.length} report(s) dropped`);
  }

  private spoolBytes(): number {
    try {
      return statSync(this.spoolFile!).size;
    } catch {
      return 0;
    }
  }

  private readSpool(): Row[] {
    if (!this.spoolFile) return [];
    let text: string;
    try {
      text = readFileSync(this.spoolFile, 'utf8');
    } catch {
      return [];
    }
    const rows: Row[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        rows.push(JSON.parse(line) as Row);
      } catch {
        // A line cut short by a crash mid-append: the rest of the spool is still good.
      }
    }
    return rows;
  }

  /** Writes the spool to the database; true when it is empty now. */
  private async replay(): Promise<boolean> {
    const rows = this.readSpool();
    for (let i = 0; i < rows.length; i += BATCH) {
      try {
        await this.write(rows.slice(i, i + BATCH));
      } catch (error) {
        // The batches already in leave the spool, so none is written twice.
        if (i > 0) writeFileSync(this.spoolFile!, rows.slice(i).map((r) => JSON.stringify(r) + '\n').join(''), { mode: 0o600 });
        this.spooled = rows.length - i;
        this.failed(error);
        this.scheduleRetry();
        return false;
      }
    }
    rmSync(this.spoolFile!, { force: true });
    if (rows.length > 0) this.logger.info({ reports: rows.length }, 'question log: database back; spooled reports written');
    this.spooled = 0;
    this.recovered();
    return true;
  }

  private failed(error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    if (this.failure === undefined) this.warn('database unavailable; reports are spooled until it is back', error);
    this.failure = reason || 'write failed';
  }

  private recovered(): void {
    if (this.failure !== undefined) this.logger.info({}, 'question log: database reachable again');
    this.failure = undefined;
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.spooled > 0) this.kick();
    }, this.retryEveryMs);
    this.retryTimer.unref();
  }

  /** A line for `/readyz` while the database refuses writes; `undefined` while it answers. */
  degraded(): string | undefined {
    if (this.failure === undefined) return undefined;
    return `question log database unreachable (${this.failure}); ${this.spooled} report(s) spooled until it is back`;
  }

  /** Counts the vote on the latest answer in the conversation citing the voted paragraph first. */
  private async vote(tx: Transaction<LogDatabase>, f: Extract<Row, { kind: 'feedback' }>): Promise<void> {
    let target = tx
      .selectFrom('questions')
      .select('id')
      .where('conversation_hash', '=', f.conversationHash)
      .where('status', '=', 'answered')
      .where('at', '<=', f.at);
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
    clearTimeout(this.retryTimer);
    await this.db.destroy();
  }

  private warn(what: string, error: unknown): void {
    this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, `question log: ${what}`);
  }
}
