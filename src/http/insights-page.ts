/**
 * The insights page and the login form, as complete HTML documents. Everything is inline (style,
 * SVG), so the page makes no request of its own: the Content-Security-Policy sent with it forbids
 * any.
 */
import type { ArticleInfo } from '../core/types.js';
import { GAP_KIND_LABELS } from '../store/gap-kinds.js';
import type { Gap, Insights } from '../store/question-log.js';
import { dayChart } from './chart.js';
import { escapeHtml as h } from './html.js';

/** An article as the page shows it: its metadata and paragraph texts. */
export interface PageArticle {
  info: ArticleInfo;
  paragraphs: readonly { text: string }[];
}

/** The period choices offered, in days. */
export const PERIODS = [1, 7, 30, 90, 365] as const;

const STYLE = `
:root{color-scheme:light;--ink:#1d232b;--muted:#5b6672;--line:#d8dde3;--answered:#2f6fb3;--gap:#d9822b;--bg:#fafbfc}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.2rem 0 .8rem}h2{font-size:1.15rem;margin:1.6rem 0 .6rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}
label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted)}
select,input,button{font:inherit;padding:.45rem .6rem;border:1px solid var(--line);border-radius:6px;background:#fff;min-height:2.6rem}
button{background:var(--ink);color:#fff;border-color:var(--ink);cursor:pointer}
.totals{display:grid;grid-template-columns:repeat(auto-fit,minmax(8rem,1fr));gap:.5rem;margin:1rem 0}
.total{background:#fff;border:1px solid var(--line);border-radius:8px;padding:.5rem .7rem}.total b{display:block;font-size:1.5rem}
svg{width:100%;height:auto;background:#fff;border:1px solid var(--line);border-radius:8px}
.answered{fill:var(--answered)}.not-covered{fill:var(--gap)}.grid{stroke:var(--line)}.tick{font-size:11px;fill:var(--muted)}
.legend span{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin:0 .3rem 0 .8rem;vertical-align:-1px}
.para{display:flex;gap:.7rem;padding:.6rem .7rem;margin:.35rem 0;border-radius:6px;border:1px solid var(--line)}
.para .num{font-weight:700;min-width:2.4rem}.para .text{flex:1;min-width:0}.para .fig{font-size:.85rem;color:var(--muted);white-space:nowrap;text-align:right}
table{width:100%;border-collapse:collapse;background:#fff}td,th{text-align:left;padding:.4rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
td.n{text-align:right;white-space:nowrap}
blockquote{margin:.3rem 0 .3rem .5rem;padding-left:.6rem;border-left:3px solid var(--line);color:#333}
.answer{background:#fff;border:1px solid var(--line);border-radius:8px;padding:.6rem .8rem;margin:.5rem 0}
.muted{color:var(--muted)}.empty{color:var(--muted);font-style:italic}
@media (max-width:560px){.para{flex-direction:column;gap:.2rem}.para .fig{text-align:left}td,th{padding:.35rem .3rem;font-size:.92rem}}
`;

function document(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><title>${h(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/** The login form (shown, with status 401, to a visitor without a session). */
export function loginPage(failed: boolean): string {
  return document(
    'Pilcrow insights — sign in',
    `<h1>Pilcrow insights</h1>` +
      (failed
        ? `<p role="alert"><b>That token is not right.</b></p>`
        : `<p class="muted">Enter the insights token (INSIGHTS_TOKEN) to see what your team asks.</p>`) +
      `<form method="post" action="/insights/login" class="filters"><label>Token<input type="password" name="token" autocomplete="current-password" required></label><button type="submit">Sign in</button></form>`,
  );
}

/** An article's title with its id beside it, so that two articles of one title stay apart. */
function titled(info: ArticleInfo): string {
  return `${h(info.title)} <span class="muted">(${h(info.id)})</span>`;
}

/** The insights page for a period: every article (`article` undefined), or one. */
export function insightsPage(
  data: Insights,
  article: PageArticle | undefined,
  articles: readonly ArticleInfo[],
  days: number,
  tenants: { tenants: readonly string[]; chosen?: string } = { tenants: [] },
): string {
  const t = data.totals;
  // The tenants seen in the period (a Slack workspace, a Discord server): one team's figures, or all.
  const choices = tenants.chosen !== undefined && !tenants.tenants.includes(tenants.chosen) ? [...tenants.tenants, tenants.chosen] : tenants.tenants;
  const tenantSelect =
    choices.length > 0
      ? `<label>Team<select name="tenant"><option value=""${tenants.chosen === undefined ? ' selected' : ''}>All teams</option>${choices
          .map((id) => `<option value="${h(id)}"${id === tenants.chosen ? ' selected' : ''}>${h(id)}</option>`)
          .join('')}</select></label>`
      : '';
  const tenantParam = tenants.chosen === undefined ? '' : `&amp;tenant=${encodeURIComponent(tenants.chosen)}`;
  const articleSelect =
    articles.length > 1
      ? `<label>Article<select name="article"><option value=""${article ? '' : ' selected'}>All articles</option>${articles
          .map((a) => `<option value="${h(a.id)}"${a.id === article?.info.id ? ' selected' : ''}>${h(a.title)} (${h(a.id)})</option>`)
          .join('')}</select></label>`
      : '';
  const periodSelect = `<label>Period<select name="days">${PERIODS.map((d) => `<option value="${d}"${d === days ? ' selected' : ''}>last ${d === 1 ? 'day' : `${d} days`}</option>`).join('')}</select></label>`;
  const scope = article ? titled(article.info) : `All ${articles.length} articles`;
  return document(
    `Pilcrow insights — ${article ? article.info.title : 'all articles'}`,
    `<h1>Pilcrow insights</h1>` +
      `<p class="muted">${scope} · ${h(data.from.toISOString().slice(0, 10))} to ${h(data.to.toISOString().slice(0, 10))}</p>` +
      `<form method="get" action="/insights" class="filters">${tenantSelect}${articleSelect}${periodSelect}<button type="submit">Show</button></form>` +
      `<section class="totals" id="totals">` +
      total('Questions', t.questions) +
      total('Answered', t.answered) +
      total('Not covered', t.notCovered) +
      total('Voted up', t.up) +
      total('Voted down', t.down) +
      `</section>` +
      (articles.length > 1 && !article ? `<h2>Articles</h2>` + overview(data, articles, days, tenantParam) : '') +
      `<h2>Questions per day</h2><p class="legend muted"><span style="background:var(--answered)"></span>answered<span style="background:var(--gap)"></span>not covered</p>` +
      dayChart(data.days) +
      `<h2>Most-asked questions</h2><p class="muted">Answered or not, grouped by their words.</p>` +
      mostAsked(data, articles.length > 1) +
      `<h2>Content gaps: not in the article</h2><p class="muted">Questions the article could not answer because it does not cover their subject, grouped by the words it lacks. These are what to add.</p>` +
      gapTable(data.gaps, 'gaps', false, 'No question went unanswered for want of content in this period.') +
      `<h2>Not understood, off-topic, another language, too short</h2><p class="muted">Refusals that are not gaps in the article: questions whose words the article has but which the bot did not answer (worth rephrasing, or a miss of the bot's), typos, chatter, other languages and one-word messages.</p>` +
      gapTable(data.unclear, 'unclear', true, 'None in this period.') +
      (article ? `<h2>The article, by how often each paragraph was cited</h2>` + shadedArticle(data, article) : '') +
      `<h2>Most voted-down answers</h2>` +
      downvoted(data) +
      `<form method="post" action="/insights/logout" style="margin-top:2rem"><button type="submit">Sign out</button></form>`,
  );
}

function overview(data: Insights, articles: readonly ArticleInfo[], days: number, tenantParam: string): string {
  const figures = new Map(data.articles.map((a) => [a.article, a]));
  // Every article in the library, asked about or not; then ids in the log that are gone from it.
  const known = new Set(articles.map((a) => a.id));
  const rows = [
    ...articles.map((a) => ({
      id: a.id,
      label: `<a href="/insights?article=${encodeURIComponent(a.id)}&amp;days=${days}${tenantParam}">${h(a.title)}</a> <span class="muted">(${h(a.id)})</span>`,
    })),
    ...data.articles
      .filter((a) => !known.has(a.article))
      .map((a) => ({ id: a.article, label: `<span class="muted">${h(a.article)} (no longer in the library)</span>` })),
  ].sort((a, b) => (figures.get(b.id)?.questions ?? 0) - (figures.get(a.id)?.questions ?? 0));
  return (
    `<table id="articles"><thead><tr><th>Article</th><th class="n">Questions</th><th class="n">Answered</th><th class="n">Not covered</th><th class="n">▲ / ▼</th></tr></thead><tbody>` +
    rows
      .map((r) => {
        const f = figures.get(r.id) ?? { questions: 0, answered: 0, notCovered: 0, up: 0, down: 0 };
        return `<tr><td>${r.label}</td><td class="n">${f.questions}</td><td class="n">${f.answered}</td><td class="n">${f.notCovered}</td><td class="n">${f.up} / ${f.down}</td></tr>`;
      })
      .join('') +
    `</tbody></table>`
  );
}

function mostAsked(data: Insights, showArticle: boolean): string {
  if (data.mostAsked.length === 0) return `<p class="empty">No questions in this period.</p>`;
  return (
    `<table id="most-asked"><thead><tr><th>Question</th><th class="n">Asked</th><th class="n">Answered</th>${showArticle ? '<th>Article</th>' : ''}</tr></thead><tbody>` +
    data.mostAsked
      .map(
        (g) =>
          `<tr><td>${g.example ? h(g.example) : `<span class="muted">words:</span> ${h(g.terms)}`}</td><td class="n">${g.count}</td><td class="n">${g.answered}</td>${showArticle ? `<td>${h(g.article)}</td>` : ''}</tr>`,
      )
      .join('') +
    `</tbody></table>`
  );
}

function total(label: string, n: number): string {
  return `<div class="total">${h(label)}<b>${n.toLocaleString('en-US')}</b></div>`;
}

function shadedArticle(data: Insights, article: PageArticle): string {
  const figures = new Map(data.paragraphs.map((p) => [p.paragraph, p]));
  const max = Math.max(1, ...data.paragraphs.map((p) => p.cited));
  return (
    `<div id="article">` +
    article.paragraphs
      .map((p, i) => {
        const n = i + 1;
        const fig = figures.get(n) ?? { cited: 0, up: 0, down: 0 };
        // Opacity from 0 (never cited) to .55 (the most cited): the text stays readable.
        const alpha = fig.cited === 0 ? 0 : 0.08 + 0.47 * (fig.cited / max);
        return (
          `<div class="para" id="p${n}" data-cited="${fig.cited}" style="background:rgba(255,166,0,${alpha.toFixed(3)})">` +
          `<span class="num">¶${n}</span><span class="text">${h(p.text)}</span>` +
          `<span class="fig">cited ${fig.cited}×<br>▲ ${fig.up} · ▼ ${fig.down}</span></div>`
        );
      })
      .join('') +
    `</div>`
  );
}

function gapTable(rows: readonly Gap[], id: string, withKind: boolean, empty: string): string {
  if (rows.length === 0) return `<p class="empty" id="${id}">${h(empty)}</p>`;
  return (
    `<table id="${id}"><thead><tr>${withKind ? '<th>Why</th>' : ''}<th>Words</th><th class="n">Asked</th><th>Latest question</th></tr></thead><tbody>` +
    rows
      .map(
        (g) =>
          `<tr data-kind="${g.kind}">${withKind ? `<td>${h(GAP_KIND_LABELS[g.kind])}</td>` : ''}<td>${h(g.terms || '—')}</td><td class="n">${g.count}</td><td>${g.example ? h(g.example) : '<span class="muted">(not stored)</span>'}</td></tr>`,
      )
      .join('') +
    `</tbody></table>`
  );
}

function downvoted(data: Insights): string {
  if (data.downvoted.length === 0) return `<p class="empty">No answer was voted down in this period.</p>`;
  return (
    `<div id="downvoted">` +
    data.downvoted
      .map(
        (a) =>
          `<div class="answer"><div><b>${a.question ? h(a.question) : `<span class="muted">words:</span> ${h(a.terms)}`}</b> <span class="muted">· ▼ ${a.down} down · ▲ ${a.up} up · ${h(a.at.toISOString().slice(0, 16).replace('T', ' '))} UTC</span></div>` +
          a.citations.map((c) => `<blockquote><b>¶${c.paragraph}</b> ${h(c.excerpt)}</blockquote>`).join('') +
          `</div>`,
      )
      .join('') +
    `</div>`
  );
}
