/**
 * The side the author takes: read from what the piece asks for ("Tessaline should scrap the
 * mandate", "I am asking legislators to vote for SB 214", "This newspaper opposes the sale") and
 * from what it says of it when it asks for nothing (its sentiment words), and from a claim about it ("the author opposes SB 214", "the columnist thinks Tessaline should keep
 * it"). +1 is for the thing named, -1 against it.
 */

import { SENTIMENT } from '../lexicon/sentiment.js';
import { WORK_OPENING } from './questions.js';

/** Verbs of going ahead with something: what an author asks for when they are for it. */
const FOR =
  /^(?:pass(?:es|ed|ing)?|adopt\w*|approv\w*|fund\w*|build\w*|keep\w*|kept|support\w*|back(?:s|ed|ing)?|continu\w*|expand\w*|extend\w*|finish\w*|accept\w*|embrac\w*|ratif\w*|enact\w*|invest\w*|protect\w*|sav(?:e|es|ed|ing)|restor\w*|sign(?:s|ed|ing)?|welcom\w*|endors\w*|favou?r\w*|implement\w*|go(?:es)?\s+ahead|proceed\w*|vot\w*\s+(?:yes|for|in\s+favou?r))\b/i;
/** Verbs of stopping something: what an author asks for when they are against it. */
const AGAINST =
  /^(?:scrap\w*|reject\w*|drop(?:s|ped|ping)?|abandon\w*|stop(?:s|ped|ping)?|cancel\w*|repeal\w*|halt\w*|block\w*|oppos\w*|kill\w*|shelv\w*|withdraw\w*|abolish\w*|revers\w*|rethink\w*|reconsider\w*|refus\w*|resist\w*|vot\w*\s+(?:no|against|down))\b/i;
/** Words that make what follows a request or a position: "should", "must", "I urge", "we ask … to". */
const ASKS =
  /\b(?:should|must|ought\s+to|needs?\s+to|has\s+to|have\s+to|urge[sd]?|urging|ask(?:s|ed|ing)?|call(?:s|ed|ing)?\s+on|time\s+to|(?:I|we)\s+(?:(?:firmly|strongly|still)\s+)?|(?:this|our)\s+(?:newspaper|paper|board|column)\s+(?:(?:firmly|strongly|still)\s+)?)\s*/gi;
const NEGATION = /\b(?:not|never|no\s+longer|n['’]t)\b/i;

/** The side `text` takes on what it asks for: +1, -1, or 0 when it asks for nothing. */
export function sideAsked(text: string): number {
  for (const m of text.matchAll(ASKS)) {
    // Within a few words after the request: "should scrap", "to vote for", "should not keep".
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 80);
    const words = after.split(/\s+/).slice(0, 7);
    for (let i = 0; i < words.length; i++) {
      const rest = words.slice(i).join(' ');
      const side = FOR.test(rest) ? 1 : AGAINST.test(rest) ? -1 : 0;
      if (side === 0) continue;
      return NEGATION.test(words.slice(0, i).join(' ')) ? -side : side;
    }
  }
  return 0;
}

/**
 * The side an evaluative sentence takes on what it names, from its sentiment words: +1 when they
 * lean clearly positive ("a strong rebuttal", "shared dividends"), -1 when clearly negative, 0 when
 * they do not lean (a sum under 2 either way). A word right after a negation counts the other way.
 */
export function sideJudged(text: string): number {
  let sum = 0;
  const words = text.toLowerCase().match(/[a-z][a-z'-]*/g) ?? [];
  words.forEach((w, i) => {
    const v = SENTIMENT.get(w);
    if (v === undefined) return;
    const negated = words.slice(Math.max(0, i - 3), i).some((x) => /^(?:not|no|never|n't|cannot|without)$/.test(x) || x.endsWith("n't"));
    sum += negated ? -v : v;
  });
  return sum >= 2 ? 1 : sum <= -2 ? -1 : 0;
}

/** "the author opposes …", "the columnist thinks … should …": the verb that makes a claim one about the author's side. */
const STANCE_CLAIM = new RegExp(
  String.raw`${WORK_OPENING}(supports?|backs?|favou?rs?|endorses?|is\s+(?:for|in\s+favou?r\s+of)|opposes?|rejects?|is\s+(?:against|opposed\s+to)|objects?\s+to|(?:thinks?|believes?|argues?|says?|insists?|contends?)\s+(?:that\s+)?)\s*(.+)$`,
  'i',
);

/** A claim that the author is for or against something: its side and what it is about. */
export interface StanceClaim {
  side: number;
  topic: string;
  /**
   * "the author thinks X should keep Y": the side is on an action the claim names, which only what
   * the piece asks for can settle; the sentiment of a sentence about X and Y cannot.
   */
  action: boolean;
}

/**
 * "the author opposes SB 214" (-1, "SB 214"), "the columnist supports the ban" (+1), "the author
 * thinks Tessaline should keep its mandate" (+1, "Tessaline should keep its mandate"): a claim
 * whose point is the author's side. `claim` has the author already named "the author".
 */
export function stanceClaim(claim: string): StanceClaim | undefined {
  const verb = STANCE_CLAIM.exec(claim.trim());
  if (!verb) return undefined;
  const how = verb[1]!.toLowerCase();
  const topic = verb[2]!.replace(/[.!?]+$/, '');
  if (/^(?:thinks?|believes?|argues?|says?|insists?|contends?)/.test(how)) {
    const side = sideAsked(topic);
    return side === 0 ? undefined : { side, topic, action: true };
  }
  const side = /^(?:oppos|reject|is\s+against|is\s+opposed|object)/.test(how) ? -1 : 1;
  return { side, topic, action: false };
}
