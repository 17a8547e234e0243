/**
 * The question log: what was asked, what was answered or refused, and how answers were voted.
 * `QuestionLogSink` (from the core) is how questions arrive; this is how they are read back.
 */
import type { QuestionLogSink } from '../core/types.js';
import type { GapJudge, GapKind } from './gap-kinds.js';

/** The period every insights view shows unless asked otherwise: the page, the terminal, Slack, Discord and the CLI. */
export const DEFAULT_INSIGHTS_DAYS = 7;

/** A period and, optionally, one article. */
export interface InsightsQuery {
  /** Inclusive start. */
  from: Date;
  /** Exclusive end. */
  to: Date;
  /** One article's figures; every article's when omitted. */
  articleId?: string;
  /** One tenant's questions (`Request.tenant`); every tenant's when omitted. */
  tenant?: string;
}

/** Questions on one day (UTC). */
export interface DayCount {
  /** `YYYY-MM-DD`. */
  day: string;
  answered: number;
  notCovered: number;
}

/** How often a paragraph was cited, and the votes on answers citing it first. */
export interface ParagraphFigures {
  paragraph: number;
  cited: number;
  up: number;
  down: number;
}

/** Refused questions sharing the same missing words. */
export interface Gap {
  /** The missing words, space-separated. */
  terms: string;
  count: number;
  /** The latest such question (absent when questions are not stored). */
  example?: string;
  /** What the refusal says about the article: only `not_in_article` is a content gap. */
  kind: GapKind;
}

/** Questions asking the same thing (the same content words), answered or not. */
export interface AskedGroup {
  /** The content words the group shares, space-separated. */
  terms: string;
  count: number;
  answered: number;
  /** The latest such question (absent when questions are not stored). */
  example?: string;
  /** The article most of them went to. */
  article: string;
}

/** One article's figures in the period. */
export interface ArticleTotals {
  article: string;
  questions: number;
  answered: number;
  notCovered: number;
  up: number;
  down: number;
}

/** An answer that was voted down. */
export interface VotedAnswer {
  at: Date;
  article: string;
  /** Absent when questions are not stored (then `terms` stands for it). */
  question?: string;
  terms: string;
  up: number;
  down: number;
  citations: { paragraph: number; excerpt: string }[];
}

/** Everything the insights page shows. */
export interface Insights {
  from: Date;
  to: Date;
  articleId?: string;
  totals: { questions: number; answered: number; notCovered: number; up: number; down: number };
  days: DayCount[];
  paragraphs: ParagraphFigures[];
  /** Content gaps: refused questions the article really does not cover, most asked first. */
  gaps: Gap[];
  /** The other refusals: not understood, off-topic, another language, too short. */
  unclear: Gap[];
  /** The most-asked questions, answered ones too, grouped by their content words. */
  mostAsked: AskedGroup[];
  /** Every article's figures (whatever `articleId` is), most asked first. */
  articles: ArticleTotals[];
  downvoted: VotedAnswer[];
}

/** One row of the CSV export. */
export interface LogRow {
  at: Date;
  platform: string;
  article: string;
  status: string;
  question: string | null;
  terms: string;
  missing: string;
  paragraphs: number[];
  up: number;
  down: number;
  user: string;
}

/** A question log: the core's sink plus the queries the insights surfaces need. */
export interface QuestionLog extends QuestionLogSink {
  /** The figures; `judge` sorts refusals into gaps and the rest (default: from the log alone). */
  insights(query: InsightsQuery, judge?: GapJudge): Promise<Insights>;
  rows(query: InsightsQuery): Promise<LogRow[]>;
  /** The tenants seen in the log since `from`, for the insights page's picker. */
  tenants(from: Date): Promise<string[]>;
  /** Deletes rows older than the retention period; returns how many questions went. */
  prune(now?: Date): Promise<number>;
  /** Resolves once every write reported so far has been attempted. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** The chat platforms' view of the log: the last days' figures and a link to the page. */
export interface InsightsSource {
  /**
   * Figures over every article for the last `days` days (default `DEFAULT_INSIGHTS_DAYS`): one
   * tenant's questions when `tenant` is given (a team sees only its own), every tenant's otherwise.
   */
  summary(days?: number, tenant?: string): Promise<Insights>;
  /** The insights page's address, when it is served. */
  pageUrl?: string;
}

/** An `InsightsSource` reading `log`. */
export function insightsSource(
  log: Pick<QuestionLog, 'insights'> & Partial<Pick<QuestionLog, 'flush'>>,
  pageUrl?: string,
  now: () => Date = () => new Date(),
  judge?: () => GapJudge,
): InsightsSource {
  return {
    ...(pageUrl ? { pageUrl } : {}),
    async summary(days = DEFAULT_INSIGHTS_DAYS, tenant?: string) {
      // This instance's reports still queued count too ("I just asked, why is it not there?").
      await log.flush?.();
      const to = now();
      return log.insights({ from: new Date(to.getTime() - days * 86_400_000), to, ...(tenant === undefined ? {} : { tenant }) }, judge?.());
    },
  };
}
