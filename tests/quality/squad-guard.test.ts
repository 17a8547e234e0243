/**
 * Quality cannot silently regress: the committed SQuAD sample (eval/squad, six articles with
 * questions written by other people) must keep the figures recorded when the models were last
 * calibrated, less a small margin. The margin absorbs a question or two per article, not a change
 * in mechanism. After a deliberate improvement, raise the floors to the new figures.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateSquad, type SquadReport } from '../../src/quality/squad-sets.js';

const DIR = fileURLToPath(new URL('../../eval/squad', import.meta.url));
/** Macro averages over the sample at the last calibration (`npm run eval:squad`). */
const RECORDED = { hitAt1: 0.872, hitAt3: 0.947, quoteAt1: 0.802, falseAbstentionRate: 0.009, offArticleAbstained: 0.903 };
const MARGIN = 0.015;

let report: SquadReport;
beforeAll(async () => {
  report = await evaluateSquad(DIR);
}, 120_000);

describe('the SQuAD sample', () => {
  it('holds six articles, each with its questions and questions it cannot answer', () => {
    expect(report.articles).toHaveLength(6);
    for (const a of report.articles) expect(a.answerable).toBeGreaterThan(50);
  });

  it('finds the right paragraph and quote as often as recorded', () => {
    expect(report.macro.hitAt1).toBeGreaterThanOrEqual(RECORDED.hitAt1 - MARGIN);
    expect(report.macro.hitAt3).toBeGreaterThanOrEqual(RECORDED.hitAt3 - MARGIN);
    expect(report.macro.quoteAt1).toBeGreaterThanOrEqual(RECORDED.quoteAt1 - MARGIN);
  });

  it('refuses answerable questions no more often, and off-article ones no less often, than recorded', () => {
    expect(report.macro.falseAbstentionRate).toBeLessThanOrEqual(RECORDED.falseAbstentionRate + MARGIN);
    expect(report.macro.offArticleAbstained).toBeGreaterThanOrEqual(RECORDED.offArticleAbstained - MARGIN);
  });

  it('beats plain MiniSearch on the same paragraphs', () => {
    expect(report.macro.hitAt1).toBeGreaterThan(report.macro.baseline.hitAt1 + 0.05);
    expect(report.macro.hitAt3).toBeGreaterThanOrEqual(report.macro.baseline.hitAt3);
  });
});
