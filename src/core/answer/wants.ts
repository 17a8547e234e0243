/** What a question asks for, read from its opening words: a name, a quantity, a reason, a time. */

/** What a question asks for, read from its opening words. */
export type AnswerType = 'names' | 'quantities' | 'reasons';

/** Questions whose answer is a name. */
const ASKS_FOR_NAME =
  /^\s*(?:who|whom|whose|which|where|name)\b|^\s*what\s+(?:company|companies|firm|firms|country|countries|nation|nations|organi[sz]ations?|person|people|city|cities|brand|brands|group|groups|state|states|team|party|language)\b/i;
/** Questions whose answer is a quantity. */
const ASKS_FOR_QUANTITY =
  /^\s*(?:how\s+(?:many|much|long|old|far|big|large|often|fast)|what\s+(?:percentage|share|proportion|number|amount|year|years|size|date|decade|century|time)|when|in\s+what\s+year)\b/i;
/** Questions whose answer is a time: a year, a date, a century. */
const ASKS_FOR_TIME = /^\s*(?:when|since\s+when|until\s+when)\b|\b(?:what|which)\s+(?:year|years|date|decade|century|month|era|period)\b/i;

/** Whether a question asks when. */
export function asksForTime(text: string): boolean {
  return ASKS_FOR_TIME.test(text);
}

/** What the answer to a question should hold, as a field of a sentence: its answer type, or times for "when". */
export type Wanted = AnswerType | 'times';

/** What the answer to `text` should hold ("when" → times; "how many" → quantities …), if its opening words say. */
export function wantedOf(text: string): Wanted | undefined {
  return asksForTime(text) ? 'times' : answerTypeOf(text);
}

/** Questions whose answer is a reason. */
const ASKS_FOR_REASON = /^\s*(?:why|how\s+come|what\s+(?:is|was|are|were)\s+the\s+(?:reason|cause|purpose)s?)\b/i;

/** The answer type a question asks for, if its opening words say. */
export function answerTypeOf(text: string): AnswerType | undefined {
  if (ASKS_FOR_NAME.test(text)) return 'names';
  if (ASKS_FOR_QUANTITY.test(text)) return 'quantities';
  if (ASKS_FOR_REASON.test(text)) return 'reasons';
  return undefined;
}
