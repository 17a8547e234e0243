/**
 * Pilcrow as a member of a discussion thread: which plain messages of a followed thread are
 * questions for it (the rest get silence), and what the thread has covered so far (`recap`).
 */
import { clip } from '../text/clip.js';
import type { ArticleInfo, Verdict } from '../types.js';

/** What a thread has done with the article, kept with its conversation state. */
export interface ThreadRecord {
  /** Pilcrow has replied in the thread or been mentioned there: in a followed channel it reads on. */
  joined: boolean;
  /** Paragraphs cited so far, by `articleId ¶N` key: how often. */
  cited: Record<string, number>;
  /** Questions the article could not answer, latest last (bounded). */
  unanswered: string[];
  /** Claims checked, with their verdicts, latest last (bounded). */
  claims: Array<{ claim: string; verdict: Verdict }>;
}

/** Questions and claims kept per thread, at most: a recap lists the latest. */
const RECORD_MAX = 20;

/** A new, empty record. */
export function emptyRecord(): ThreadRecord {
  return { joined: false, cited: {}, unanswered: [], claims: [] };
}

/** `record` with a reply's citations, refusal or verdict added (a copy; the input is unchanged). */
export function recordReply(
  record: ThreadRecord | undefined,
  reply: { citations: ReadonlyArray<{ articleId: string; paragraph: number }>; status: string; verdict?: Verdict | undefined; question?: string | undefined },
  joined: boolean,
): ThreadRecord {
  const out: ThreadRecord = record
    ? { joined: record.joined, cited: { ...record.cited }, unanswered: [...record.unanswered], claims: [...record.claims] }
    : emptyRecord();
  if (joined) out.joined = true;
  // A paragraph counts once per reply, however many of its excerpts the reply shows.
  for (const key of new Set(reply.citations.map((c) => `${c.articleId} ¶${c.paragraph}`))) out.cited[key] = (out.cited[key] ?? 0) + 1;
  if (reply.verdict && reply.question) out.claims = [...out.claims, { claim: reply.question, verdict: reply.verdict }].slice(-RECORD_MAX);
  else if (reply.status === 'not_covered' && reply.question) out.unanswered = [...out.unanswered, reply.question].slice(-RECORD_MAX);
  return out;
}

/** Words that turn a question to the people in the thread, not to the bot. */
const TO_PEOPLE = /\b(?:anyone|anybody|someone|somebody|everyone|everybody|y['’]?all|you\s+guys|folks|we|us|our|let['’]?s|ya)\b/i;
/** "What do you think?", "Did you read it?": asked of a person. "Can you explain …" asks the bot. */
const SECOND_PERSON = /\b(?:you|your|yours|u)\b/i;
const REQUEST_TO_BOT =
  /^(?:(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+)?(?:explain|tell|summari[sz]e|show|give|quote|find|check|list|describe|clarify|recap|say)|(?:please\s+)?(?:explain|summari[sz]e|describe|quote|list|clarify)\b)/i;
/** A vocative at the end: "What do you think, Sam?" */
const VOCATIVE = /,\s*@?\p{Lu}[\p{L}-]*\s*\??\s*$/u;
/** How questions open. */
const INTERROGATIVE =
  /^(?:what|what['’]s|whats|why|how|who|who['’]s|whom|whose|when|where|which|is|isn['’]t|are|aren['’]t|was|were|does|doesn['’]t|do|did|didn['’]t|can|could|will|would|should|has|have|had|explain|summari[sz]e|describe|tell\s+me|give\s+me|show\s+me|list|according\s+to)\b/i;

/**
 * Whether a plain message in a followed thread reads as a question for the bot: asked as a
 * question (a question mark or a question's opening), and not put to the people in the thread
 * ("What do you think, Sam?", "Did anyone finish it?", "Should we meet Monday?"). Whether the
 * article answers it is for the answer to say; this only keeps the bot out of conversations.
 */
export function questionForBot(text: string): boolean {
  const t = text.trim();
  if (t.length < 4) return false;
  const asks = /\?\s*$/.test(t) || INTERROGATIVE.test(t);
  if (!asks) return false;
  if (REQUEST_TO_BOT.test(t)) return true;
  if (VOCATIVE.test(t) || TO_PEOPLE.test(t)) return false;
  // "you" in a question to the bot is rare; in a thread it is nearly always a person asked.
  if (SECOND_PERSON.test(t)) return false;
  return true;
}

/** The recap of a thread as one message: paragraphs discussed and not, open questions, claims checked. */
export function recapText(
  record: ThreadRecord | undefined,
  article: ArticleInfo,
  paragraphs: ReadonlyArray<{ number: number; text: string }>,
  manyArticles: boolean,
): string {
  const cited = Object.entries(record?.cited ?? {}).filter(([key]) => key.startsWith(`${article.id} ¶`));
  const label = (n: number) => (manyArticles ? `${article.id} ¶${n}` : `¶${n}`);
  const numberOf = (key: string) => Number(key.slice(key.lastIndexOf('¶') + 1));
  const lines: string[] = [`Recap of this thread on “${article.title}”:`];
  if (cited.length === 0) lines.push('• Discussed: no paragraph cited yet.');
  else {
    const list = cited.sort((l, r) => numberOf(l[0]) - numberOf(r[0])).map(([key, n]) => `${label(numberOf(key))} (${n}×)`);
    lines.push(`• Discussed: ${list.join(', ')}.`);
  }
  const seen = new Set(cited.map(([key]) => numberOf(key)));
  const rest = paragraphs.filter((p) => !seen.has(p.number));
  if (rest.length === 0) lines.push('• Not yet discussed: none — every paragraph has come up.');
  else {
    lines.push(`• Not yet discussed (${rest.length}):`);
    for (const p of rest.slice(0, 12)) lines.push(`   ${label(p.number)} — ${opening(p.text)}`);
    if (rest.length > 12) lines.push(`   …and ${rest.length - 12} more.`);
  }
  const open = record?.unanswered ?? [];
  lines.push(
    open.length === 0
      ? '• Questions the article could not answer: none.'
      : `• Questions the article could not answer: ${open
          .slice(-5)
          .map((q) => `“${clip(oneLine(q), 80)}”`)
          .join('; ')}.`,
  );
  const claims = record?.claims ?? [];
  if (claims.length > 0)
    lines.push(
      `• Claims checked: ${claims
        .slice(-5)
        .map((c) => `“${clip(oneLine(c.claim), 80)}” — ${c.verdict === 'not-found' ? 'not found' : c.verdict}`)
        .join('; ')}.`,
    );
  else lines.push('• Claims checked: none yet (say "check" and a claim).');
  return lines.join('\n');
}

/** A paragraph's opening words. */
function opening(text: string): string {
  return clip(oneLine(text), 70);
}

/** `text` on one line, its white space single spaces. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
