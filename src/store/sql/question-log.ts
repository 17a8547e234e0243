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
import type { Kysely, Transaction } from 'kysely';
import type { CoreLogger, Feedback, QuestionEvent } from '../../core/types.js';
import { gapJudge, type GapJudge } from '../gap-kinds.js';
import type { Insights, InsightsQuery, LogRow, QuestionLog } from '../question-log.js';
import { openDatabase, type LogLocation } from './connect.js';
import { DAY_MS, SqlInsights } from './insights.js';
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

/** Reports waiting beyond this are dropped: the log must not eat the memory of a busy bot. */
const MAX_PENDING = 5_000;
const BATCH = 200;
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
  ) {
    this.reader = new SqlInsights(db);
  }

  /** The reading side: insights and the export. */
  private readonly reader: SqlInsights;

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
        return {
          kind: 'feedback',
          conversationHash: this.hash('conversation', f.conversationId),
          vote: f.vote,
          ...(f.citation ? { citation: f.citation } : {}),
          at: op.at.getTime(),
        };
      }
      const e = op.event;
      const id = randomUUID();
      return {
        kind: 'question',
        question: {
          id,
          at: e.at.getTime(),
          platform: platformOf(e.conversationId),
          tenant: e.tenant ?? null,
          article: e.articleId,
          status: e.status,
          question: this.storeQuestions ? e.question : null,
          terms: e.terms.join(' '),
          missing: [...new Set(e.missing)].sort().join(' '),
          user_hash: this.hash('user', e.userId),
          conversation_hash: this.hash('conversation', e.conversationId),
          first_paragraph: e.citations[0]?.paragraph ?? null,
        },
        citations: e.citations.map((c, position) => ({
          question_id: id,
          position,
          at: e.at.getTime(),
          article: c.articleId,
          paragraph: c.paragraph,
          excerpt: c.excerpt,
        })),
      };
    });
  }

  /** Writes `rows` in one transaction. */
  private async write(rows: readonly Row[]): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      // Consecutive questions go in one multi-row insert: a busy bot pays a few round trips
      // per batch, not per answer. A vote waits for the questions before it.
      for (let k = 0; k < rows.length;) {
        const row = rows[k]!;
        if (row.kind === 'feedback') {
          await this.vote(tx, row);
          k += 1;
          continue;
        }
        const run: Extract<Row, { kind: 'question' }>[] = [];
        for (; k < rows.length && rows[k]!.kind === 'question'; k++) run.push(rows[k] as Extract<Row, { kind: 'question' }>);
        await tx
          .insertInto('questions')
          .values(run.map((r) => r.question))
          .execute();
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
    this.logger.warn(
      { dropped: rows.length, droppedTotal: this.dropped },
      `question log: database unavailable and ${reason}; ${rows.length} report(s) dropped`,
    );
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
        if (i > 0)
          writeFileSync(
            this.spoolFile!,
            rows
              .slice(i)
              .map((r) => JSON.stringify(r) + '\n')
              .join(''),
            { mode: 0o600 },
          );
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

  /** The insights over `query`'s period (see `SqlInsights`). */
  insights(query: InsightsQuery, judge: GapJudge = gapJudge()): Promise<Insights> {
    return this.reader.insights(query, judge);
  }

  /** Every question of `query`'s period, one row each (the CSV export). */
  rows(query: InsightsQuery): Promise<LogRow[]> {
    return this.reader.rows(query);
  }

  tenants(from: Date): Promise<string[]> {
    return this.reader.tenants(from);
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
