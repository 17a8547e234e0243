/**
 * Claim-set evaluation (`claims-dev.jsonl` format): each claim checked with `check <claim>`, its
 * verdict compared with its kind. Pure: takes the parsed set and a Pilcrow, returns the counts.
 */
import { z } from 'zod';
import { parseJsonLines } from './evaluate.js';
import type { Pilcrow } from '../core/bot/pilcrow.js';
import type { Verdict } from '../core/types.js';

/** One claim: `supported` (the article says it, in `paragraphs`), `altered` (a detail changed), `unrelated`. */
export const EvalClaim = z.object({
  claim: z.string().min(1),
  kind: z.enum(['supported', 'altered', 'unrelated']),
  paragraphs: z.array(z.number().int().positive()).optional(),
  article: z.string().optional(),
});
export type EvalClaim = z.infer<typeof EvalClaim>;

/** A claim whose verdict was wrong for its kind. */
export interface ClaimMiss {
  claim: string;
  kind: EvalClaim['kind'];
  verdict: Verdict | undefined;
  got: number[];
}

/** The counts printed by `npm run eval:claims`. */
export interface ClaimReport {
  /** Supported claims marked supported with a right paragraph first, of all supported claims. */
  supported: { right: number; of: number };
  /** Altered claims not marked supported. */
  altered: { right: number; of: number };
  /** Unrelated claims marked not found. */
  unrelated: { right: number; of: number };
  verdicts: Record<Verdict, number>;
  misses: ClaimMiss[];
}

/** Parses a JSON Lines claim set; throws naming the line on a bad one. */
export function parseClaimSet(text: string, file = 'claim set'): EvalClaim[] {
  return parseJsonLines(text, file, EvalClaim);
}

/** Checks every claim in a fresh conversation and counts the verdicts that fit their kind. */
export async function evaluateClaims(bot: Pilcrow, claims: readonly EvalClaim[]): Promise<ClaimReport> {
  const report: ClaimReport = {
    supported: { right: 0, of: 0 },
    altered: { right: 0, of: 0 },
    unrelated: { right: 0, of: 0 },
    verdicts: { supported: 0, partly: 0, 'not-found': 0 },
    misses: [],
  };
  for (const [i, c] of claims.entries()) {
    const reply = await bot.handle({
      conversationId: `claims-${i}`,
      userId: 'eval',
      command: { kind: 'check', claim: c.claim },
      ...(c.article ? { articleId: c.article } : {}),
    });
    const verdict = reply.verdict;
    if (verdict) report.verdicts[verdict]++;
    const got = reply.citations.map((x) => x.paragraph);
    const right =
      c.kind === 'supported'
        ? verdict === 'supported' && (c.paragraphs === undefined || c.paragraphs.includes(got[0] ?? -1))
        : c.kind === 'altered'
          ? verdict !== 'supported'
          : verdict === 'not-found';
    report[c.kind].of++;
    if (right) report[c.kind].right++;
    else report.misses.push({ claim: c.claim, kind: c.kind, verdict, got });
  }
  return report;
}
