/**
 * The questions-per-day chart as inline SVG: stacked bars, answered below and not covered above.
 * Server-rendered, no script, no library to load: it scales with the page (viewBox) on a phone.
 */
import type { DayCount } from '../store/question-log.js';
import { escapeHtml } from './html.js';

const W = 640;
const H = 220;
const PAD = { left: 34, right: 8, top: 12, bottom: 28 };

/** An SVG bar chart of `days`. */
export function dayChart(days: readonly DayCount[]): string {
  const max = Math.max(1, ...days.map((d) => d.answered + d.notCovered));
  const top = niceCeiling(max);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, days.length);
  const barW = Math.max(1, slot * 0.78);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const bars = days
    .map((d, i) => {
      const x = PAD.left + i * slot + (slot - barW) / 2;
      const a = (d.answered / top) * plotH;
      const n = (d.notCovered / top) * plotH;
      const label = `${d.day}: ${d.answered} answered, ${d.notCovered} not covered`;
      return (
        `<g class="day"><title>${escapeHtml(label)}</title>` +
        (a > 0 ? `<rect class="answered" x="${f(x)}" y="${f(y(d.answered))}" width="${f(barW)}" height="${f(a)}"/>` : '') +
        (n > 0 ? `<rect class="not-covered" x="${f(x)}" y="${f(y(d.answered + d.notCovered))}" width="${f(barW)}" height="${f(n)}"/>` : '') +
        `</g>`
      );
    })
    .join('');
  const grid = [0, top / 2, top]
    .map(
      (v) =>
        `<line class="grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${f(y(v))}" y2="${f(y(v))}"/><text class="tick" x="${PAD.left - 4}" y="${f(y(v) + 4)}" text-anchor="end">${v}</text>`,
    )
    .join('');
  const first = days[0]?.day ?? '';
  const last = days.at(-1)?.day ?? '';
  const axis =
    `<text class="tick" x="${PAD.left}" y="${H - 8}">${escapeHtml(first)}</text>` +
    (days.length > 1 ? `<text class="tick" x="${W - PAD.right}" y="${H - 8}" text-anchor="end">${escapeHtml(last)}</text>` : '');
  return (
    `<svg id="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="Questions per day: answered and not covered" preserveAspectRatio="xMidYMid meet">` +
    grid +
    bars +
    axis +
    `</svg>`
  );
}

function niceCeiling(n: number): number {
  if (n <= 4) return 4;
  const magnitude = 10 ** Math.floor(Math.log10(n));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= n) return Math.ceil((step * magnitude) / 2) * 2;
  return n;
}

function f(n: number): string {
  return n.toFixed(1);
}
