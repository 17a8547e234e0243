/**
 * The question log's reading side: the insights over a period (questions a day, paragraphs cited,
 * refusals grouped into content gaps, the most asked, per-article totals, downvoted answers) and
 * the rows of the CSV export. One Kysely query layer for SQLite and PostgreSQL.
 */
import { sql, type Kysely } from 'kysely';
import { terms as analyzedTerms } from '../../core/text/analyzer.js';
import { gapJudge, type GapJudge } from '../gap-kinds.js';
import type { ArticleTotals, AskedGroup, DayCount, Gap, Insights, InsightsQuery, LogRow, ParagraphFigures, VotedAnswer } from '../question-log.js';
import type { LogDatabase } from './schema.js';

export const DAY_MS = 86_400_000;
/** Groups shown in each list of refusals (content gaps, and the rest). */
const GAPS_SHOWN = 20;

export class SqlInsights {
  constructor(private readonly db: Kysely<LogDatabase>) {}

  /** Every figure of the insights page over `query`'s period. */
  async insights(query: InsightsQuery, judge: GapJudge = gapJudge()): Promise<Insights> {
    const [days, paragraphs, refusals, mostAsked, articles, downvoted, votes] = await Promise.all([
      this.days(query),
      query.articleId === undefined ? Promise.resolve([]) : this.paragraphs(query),
      this.gaps(query, judge),
      this.mostAsked(query),
      this.articleTotals(query),
      this.downvoted(query),
      this.scoped(query)
        .select((eb) => [eb.fn.sum<number>('up').as('up'), eb.fn.sum<number>('down').as('down')])
        .executeTakeFirst(),
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
    if (query.tenant !== undefined) q = q.where('tenant', '=', query.tenant);
    return q;
  }

  /** The tenants seen since `from`, sorted. */
  async tenants(from: Date): Promise<string[]> {
    const rows = await this.db.selectFrom('questions').select('tenant').distinct().where('at', '>=', from.getTime()).where('tenant', 'is not', null).execute();
    return rows.map((r) => r.tenant!).sort();
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
      // One tenant's: the citations of its questions.
      .$if(query.tenant !== undefined, (q) => q.where('question_id', 'in', this.scoped(query).select('id')))
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
    const rows = await this.scoped({ from: query.from, to: query.to, ...(query.tenant === undefined ? {} : { tenant: query.tenant }) })
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

  /** Every question of `query`'s period, one row each (the CSV export). */
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
}
