/**
 * Answers to discussion questions from the argument's reading: the thesis, the close, the opening,
 * the author's view of a topic, the evidence, the examples, the objections answered, and the reason
 * behind the last answer ("why?"). Every answer is still verbatim excerpts, each cited; the role of
 * each excerpt in the argument goes beside it.
 */
import { parseQuestion, type Answerer, type Outcome } from '../answer/answerer.js';
import { citeSentences } from '../answer/excerpts.js';
import type { ConversationState } from '../bot/conversation.js';
import type { Library } from '../search/library.js';
import type { QueryTerm } from '../search/types.js';
import type { Citation } from '../types.js';
import type { DiscussionKind, DiscussionQuestion } from './questions.js';
import { ROLE_LABELS, type ArgumentMap, type SentenceReading } from './roles.js';

/** "… conclude from that?": a conclusion drawn from what was just shown. */
const DRAWN_FROM_THAT = /\bfrom\s+(?:that|this|it|these|those)\b/i;
/** How far a sentence already shown falls when the author's take on it is asked. */
const SHOWN_FACT_PENALTY = 0.3;
/** The reply when the article grants the other side nothing. */
const NO_CONCESSION = 'The article grants nothing to the other side.';
/** How an excerpt the author grants the other side is named beside it. */
const CONCESSION_LABEL = 'what the author concedes';
/** Excerpts in one discussion answer. */
const MAX_EXCERPTS = 3;
/** How much the role counts beside the match with the topic (the topic's match is 0..1). */
const ROLE_WEIGHT = 0.6;
/** A neighbour of a matching sentence starts from this share of its match. */
const NEIGHBOUR_SHARE = 0.7;

/**
 * What an answer is chosen for: a discussion question's kind, the reason behind the last answer
 * ("why?"), or where the author stands on the topic ("Is the author for or against X?").
 */
type Asked = DiscussionKind | 'why' | 'stance';

/** "Is the author for or against X?", "Does she support X?": a view question asking for a side. */
const STANCE =
  /\b(?:for\s+or\s+against|against\s+or\s+for|in\s+favou?r\s+of|support\s+or\s+oppose|pro\s+or\s+(?:anti|con)|on\s+(?:which|what)\s+side|(?:does|do|is|are)\s+\S+(?:\s+\S+)?\s+(?:support|oppose|back|favou?r|endorse|reject|for|against|opposed\s+to))\b/i;

/** How much asking for something ("vote for SB 214", "should scrap the mandate") counts in the side the author takes. */
const STANCE_ASKS = 0.8;

/** How well a sentence's reading fits what a kind of question asks for. */
function fit(kind: Asked, r: SentenceReading): number {
  switch (kind) {
    case 'stance':
      // The side the author takes is the piece's own case: its thesis, in the author's voice.
      return (
        0.5 * Math.min(r.evaluation, 1.5) +
        0.4 * r.claim +
        0.3 * r.reply +
        0.3 * Math.max(r.thesis, 0) +
        STANCE_ASKS * r.asks -
        0.6 * r.report -
        0.2 * r.evidence -
        0.6 * r.objection
      );
    case 'view':
      // The author's position, not the news it comments on, nor the views of others it answers.
      return 0.5 * Math.min(r.evaluation, 1.5) + 0.4 * r.claim + 0.3 * r.reply - 0.6 * r.report - 0.2 * r.evidence - 0.6 * r.objection;
    case 'evidence':
      return 0.6 * r.evidence - 0.3 * r.objection;
    case 'examples':
      return 0.7 * r.example + 0.3 * r.report;
    case 'objections':
      return 0.9 * r.objection + 0.2 * r.reply;
    case 'concession':
      return 0.9 * r.concession + 0.2 * r.claim - 0.3 * r.report;
    case 'reply':
      return 0.9 * Math.min(r.reply, 1.5) + 0.3 * r.claim - 0.4 * r.objection;
    case 'why':
      return 0.2 * r.claim + 0.2 * Math.min(r.evaluation, 1.5) - 0.3 * r.report;
    default:
      return 0.15 * r.thesis + 0.2 * r.claim;
  }
}

/** The scores a kind of question orders sentences by when it names no topic. */
function alone(kind: DiscussionKind, r: SentenceReading): number {
  switch (kind) {
    case 'evidence':
      return r.evidence;
    case 'examples':
      return r.example + 0.5 * r.report;
    case 'objections':
      return r.objection;
    case 'concession':
      return r.concession;
    case 'reply':
      return r.reply;
    default:
      return r.thesis;
  }
}

/** Least score a sentence needs to be offered for a kind of question without a topic. */
const ALONE_FLOOR: Partial<Record<DiscussionKind, number>> = { evidence: 1, examples: 0.8, objections: 0.9, concession: 0.9, reply: 0.9 };
/** Kinds whose topic is often only a restatement ("What statistics does it rely on?"): a topic the article lacks leaves the role alone. */
const ROLE_WITHOUT_TOPIC: ReadonlySet<Asked> = new Set(['evidence', 'examples', 'objections', 'concession', 'reply']);

/** Answers discussion questions over one library and its reading. */
export class DiscussionAnswerer {
  constructor(
    private readonly library: Library,
    private readonly argument: ArgumentMap,
    private readonly answerer: Answerer,
  ) {}

  /**
   * Answers `question` (asked as `text`) in article `articleIndex`. A topic the article does not cover
   * gets the answerer's own refusal, naming what is missing.
   */
  answer(question: DiscussionQuestion, text: string, previous: ConversationState | undefined, articleIndex: number | undefined): Outcome {
    let topic = question.topic;
    let kind: Asked = question.kind;
    // "so what does it conclude from that?": the inference the article draws right after what was shown.
    if (question.kind === 'conclusion' && question.anaphoric && previous && previous.shown.length > 0 && DRAWN_FROM_THAT.test(text)) {
      const drawn = this.drawnFrom(previous);
      if (drawn) return drawn;
    }
    // "What does the editorial make of that?": the author's take on what was just shown, which is
    // the fact, not the take.
    let shown: ReadonlySet<number> | undefined;
    if (topic === '' && question.anaphoric && previous && question.kind !== 'opening' && question.kind !== 'conclusion' && question.kind !== 'thesis') {
      topic = previous.lastQuestion;
      if (kind === 'view') shown = new Set(previous.shown);
    }
    // "What does it concede?" of a piece that grants the other side nothing: say so, whatever the topic.
    const scope = articleIndex ?? previous?.articleIndex;
    if (kind === 'concession' && scope !== undefined && !this.argument.sentencesOf(scope).some((id) => this.argument.reading(id).concession > 0))
      return { kind: 'not_covered', message: NO_CONCESSION };
    if (topic !== '' && parseQuestion(topic).terms.length > 0 && kind !== 'opening' && kind !== 'conclusion') {
      if (kind === 'view' && STANCE.test(text)) kind = 'stance';
      return this.onTopic(kind, topic, text, previous, articleIndex, shown);
    }
    // No article chosen among several: the caller asks which (a topic would have said where to look).
    if (articleIndex === undefined) return { kind: 'not_covered', message: "The article doesn't cover that." };
    return this.byRole(question.kind, text, articleIndex);
  }

  /**
   * Opens a discussion of article `articleIndex`: its main argument, then up to four key claims, each
   * with the evidence the article gives for it (from its paragraph or a neighbour), every one a
   * cited excerpt, and a prompt for each. Undefined when the article argues nothing.
   */
  start(articleIndex: number): { citations: Citation[]; message: string; state: ConversationState } | undefined {
    const sentences = this.library.sentences;
    const ids = this.argument.sentencesOf(articleIndex);
    const read = (id: number) => this.argument.reading(id);
    const byThesis = [...ids].sort((l, r) => read(r).thesis - read(l).thesis);
    const thesis = byThesis[0];
    if (thesis === undefined || read(thesis).thesis <= 0.5) return undefined;
    const voice = (id: number) => read(id).claim + 0.5 * Math.min(read(id).evaluation, 1.5) + 0.5 * read(id).reply + 0.2 * read(id).thesis;
    const used = new Set<number>(this.withReply('thesis', thesis));
    const paragraphs = new Set<number>([sentences[thesis]!.paragraphId]);
    const claims: number[] = [];
    for (const id of [...ids].sort((l, r) => voice(r) - voice(l))) {
      if (claims.length >= 4) break;
      const role = read(id).role;
      if (used.has(id) || paragraphs.has(sentences[id]!.paragraphId) || voice(id) < 1 || role === 'objection' || role === 'report' || role === 'evidence')
        continue;
      claims.push(id);
      paragraphs.add(sentences[id]!.paragraphId);
      for (const s of this.withReply('thesis', id)) used.add(s);
    }
    if (claims.length < 2) {
      // Too few claims of their own: the strongest sentences after the thesis stand in.
      for (const id of byThesis.slice(1)) {
        if (claims.length >= 3) break;
        if (used.has(id) || paragraphs.has(sentences[id]!.paragraphId)) continue;
        claims.push(id);
        paragraphs.add(sentences[id]!.paragraphId);
        used.add(id);
      }
    }
    claims.sort((l, r) => l - r);
    const title = this.library.articles[articleIndex]!.info.title;
    const citations: Citation[] = [this.cite(this.withReply('thesis', thesis), new Set(), 'thesis')];
    const prompts: string[] = [`1. ${citations[0]!.label} — the main argument. Does it convince you?`];
    for (const id of claims) {
      const claim = this.cite(this.withReply('thesis', id), new Set(), 'view');
      citations.push(claim);
      const pid = sentences[id]!.paragraphId;
      const evidence = ids
        .filter((e) => !used.has(e) && Math.abs(sentences[e]!.paragraphId - pid) <= 1 && read(e).evidence >= 1)
        .sort((l, r) => Math.abs(sentences[l]!.paragraphId - pid) - Math.abs(sentences[r]!.paragraphId - pid) || read(r).evidence - read(l).evidence)[0];
      let line = `${prompts.length + 1}. ${claim.label} — does this hold up?`;
      if (evidence !== undefined) {
        used.add(evidence);
        const cited = this.cite([evidence], new Set(), 'evidence');
        citations.push(cited);
        line += ` The article's evidence: ${cited.label}.`;
      } else line += ' The article gives no evidence of its own for it.';
      prompts.push(line);
    }
    const message = [
      `Let's discuss “${title}”: its main argument, then ${claims.length} key claims with the evidence it gives.`,
      ...prompts,
      'Ask me about any of them, or say "check" and a claim to test it against the text.',
    ].join('\n');
    const ranked = byThesis.filter((id) => !used.has(id)).slice(0, 30);
    const state: ConversationState = {
      lastTerms: [],
      lastQuestion: 'discuss',
      ranked,
      shown: [...used],
      lastExcerpt: { sentenceIds: this.withReply('thesis', thesis) },
      articleIndex: articleIndex,
    };
    return { citations, message, state };
  }

  /**
   * The conclusion the article draws from what was just shown: the claims that follow it, to the
   * end of the next paragraph, the nearest and the most strongly claimed first.
   */
  private drawnFrom(previous: ConversationState): Outcome | undefined {
    const sentences = this.library.sentences;
    const last = Math.max(...previous.shown);
    const from = sentences[last]!;
    const after: Array<{ id: number; score: number }> = [];
    for (let id = last + 1; id < sentences.length; id++) {
      const s = sentences[id]!;
      if (s.articleIndex !== from.articleIndex || s.paragraphIndex > from.paragraphIndex + 1) break;
      const r = this.argument.reading(id);
      after.push({ id, score: r.claim + 0.5 * Math.min(r.evaluation, 1.5) - 0.5 * r.evidence - 0.5 * r.objection - 0.4 * after.length });
    }
    const ordered = after.filter((x) => x.score > 0.5).sort((l, r) => r.score - l.score);
    if (ordered.length === 0) return undefined;
    return this.answered(
      ordered.map((x) => x.id),
      'view',
      previous.lastQuestion,
      previous.lastTerms,
      new Set(),
      from.articleIndex,
      (id) => this.withReply('view', id),
    );
  }

  /** "why?", "why does that matter?": the reason behind the last answer, on its subject. */
  why(text: string, previous: ConversationState, articleIndex: number | undefined): Outcome | undefined {
    if (parseQuestion(previous.lastQuestion).terms.length === 0) return undefined;
    // "why did Samsung need it?" adds words of its own; "why?" and "why does that matter?" add none.
    const own = parseQuestion(text.replace(/^\s*(?:and|but|so|ok(?:ay)?),?\s+/i, '').replace(/^\s*(?:why|how come)\b/i, '')).terms;
    const combined = own.length > 0 ? `${previous.lastQuestion} ${own.map((t) => t.raw).join(' ')}` : previous.lastQuestion;
    const where = articleIndex ?? previous.articleIndex;
    return this.onTopic('why', combined, text, previous, where, new Set(previous.shown));
  }

  /** Sentences ordered by how well they fit `kind`, the topic's match and the role together. */
  private onTopic(
    kind: Asked,
    topic: string,
    text: string,
    previous: ConversationState | undefined,
    articleIndex: number | undefined,
    shown?: ReadonlySet<number>,
  ): Outcome {
    const first = this.answerer.answer(topic, undefined, articleIndex);
    const parsed = parseQuestion(topic);
    const a = this.answerer.assess(topic, parsed, undefined, articleIndex);
    if (first.kind !== 'answered') {
      // The topic of a question about the article is a pointer into it, not a question of its own:
      // half its words or more in the article, and no name missing, are enough to look there (a
      // view question's predicate is often the word the author would not use: "Is a delay harmless?").
      const held = parsed.terms.filter((t) => this.library.has(t.term)).length;
      const pointer = a.missing === undefined && held * 2 >= parsed.terms.length && a.candidates.length > 0;
      if (!pointer) {
        const salient = parsed.terms.some((t) => t.salient);
        if (articleIndex !== undefined && kind !== 'why' && kind !== 'stance' && ROLE_WITHOUT_TOPIC.has(kind) && !salient)
          return this.byRole(kind, text, articleIndex);
        return first.kind === 'not_covered' ? first : { kind: 'not_covered', message: "The article doesn't cover that." };
      }
    }
    const hits = a.candidates;
    if (hits.length === 0) return first;
    const best = hits[0]!.score;
    const worst = hits.at(-1)!.score;
    const span = best - worst || 1;
    const match = new Map<number, number>();
    const sentences = this.library.sentences;
    for (const h of hits) {
      const n = (h.score - worst) / span;
      if ((match.get(h.id) ?? -1) < n) match.set(h.id, n);
      // The reason behind an answer is about its subject: no credit for merely standing beside it.
      if (kind === 'why') continue;
      for (const near of [h.id - 1, h.id + 1]) {
        if (near < 0 || near >= sentences.length || sentences[near]!.paragraphId !== sentences[h.id]!.paragraphId) continue;
        if ((match.get(near) ?? -1) < n * NEIGHBOUR_SHARE) match.set(near, n * NEIGHBOUR_SHARE);
      }
    }
    const scored = [...match.entries()].map(([id, n]) => {
      let score = n + ROLE_WEIGHT * fit(kind, this.argument.reading(id));
      if (kind === 'why' && sentences[id]!.reasons.length > 0) score += 0.2;
      // Already shown: still the answer when it holds the reason, but what is new comes first among
      // equals; asked for the author's take on it, what was shown is the fact, not the take.
      if (shown?.has(id)) score -= kind === 'why' ? 0.1 : SHOWN_FACT_PENALTY;
      return { id, score, n };
    });
    scored.sort((l, r) => r.score - l.score);
    const docTerms = new Set(hits.slice(0, 10).flatMap((h) => h.docTerms));
    const ordered = scored.map((s) => s.id);
    // The subject stays the topic's: a "why?" after this answer asks about it, not about "why?".
    return this.answered(ordered, kind, topic, a.own, docTerms, articleIndex, (id) => this.withTopic(kind, id, match));
  }

  /** Sentences chosen by their role alone (the thesis, the close, the opening, all the evidence…). */
  private byRole(kind: DiscussionKind, text: string, articleIndex: number): Outcome {
    const ids = this.argument.sentencesOf(articleIndex);
    if (ids.length === 0) return { kind: 'not_covered', message: "The article doesn't cover that." };
    const sentences = this.library.sentences;
    const lastParagraph = Math.max(...ids.map((id) => sentences[id]!.paragraphIndex));
    let ordered: number[];
    if (kind === 'opening') {
      ordered = ids.filter((id) => sentences[id]!.paragraphIndex === 0);
      return this.answered(ordered.slice(0, 1), kind, text, [], new Set(), articleIndex, (id) =>
        sentences[id + 1]?.paragraphId === sentences[id]!.paragraphId ? [id, id + 1] : [id],
      );
    }
    if (kind === 'conclusion') {
      const close = ids.filter((id) => sentences[id]!.paragraphIndex === lastParagraph);
      ordered = [...close].sort((l, r) => this.argument.reading(r).thesis - this.argument.reading(l).thesis);
    } else {
      const floor = ALONE_FLOOR[kind] ?? -Infinity;
      ordered = ids
        .filter((id) => alone(kind, this.argument.reading(id)) >= floor)
        .sort((l, r) => alone(kind, this.argument.reading(r)) - alone(kind, this.argument.reading(l)));
      if (ordered.length === 0)
        return {
          kind: 'not_covered',
          message:
            kind === 'evidence'
              ? 'The article gives no data or reports as evidence.'
              : kind === 'examples'
                ? 'The article gives no examples.'
                : kind === 'reply'
                  ? 'The article answers no objections.'
                  : kind === 'concession'
                    ? NO_CONCESSION
                    : 'The article takes up no objections.',
        };
    }
    return this.answered(ordered, kind, text, [], new Set(), articleIndex, (id) => this.withReply(kind, id));
  }

  /** A sentence with the neighbour that makes it whole for the question: the fact an opinion comments on, the reply to an objection. */
  private withTopic(kind: Asked, id: number, match: ReadonlyMap<number, number>): number[] {
    const sentences = this.library.sentences;
    const own = match.get(id) ?? 0;
    const before = id - 1;
    if (
      kind === 'view' &&
      before >= 0 &&
      sentences[before]!.paragraphId === sentences[id]!.paragraphId &&
      (match.get(before) ?? 0) > own &&
      this.argument.reading(id).evaluation > this.argument.reading(before).evaluation
    ) {
      return [before, id];
    }
    return this.withReply(kind, id);
  }

  /** An objection with the author's reply right after it; a sentence that leans on its neighbour with it. */
  private withReply(kind: Asked, id: number): number[] {
    const sentences = this.library.sentences;
    const ref = sentences[id]!;
    const ids: number[] = [];
    for (let s = ref.unit.first; s <= ref.unit.last; s++) ids.push(s);
    const next = ids.at(-1)! + 1;
    if (kind === 'objections' && next < sentences.length && sentences[next]!.paragraphId === ref.paragraphId && this.argument.reading(next).reply > 0.5)
      ids.push(next);
    return ids;
  }

  /** The reply: up to MAX_EXCERPTS excerpts, other paragraphs first, and the state for "more" and follow-ups. */
  private answered(
    ordered: readonly number[],
    kind: Asked,
    text: string,
    own: readonly QueryTerm[],
    docTerms: ReadonlySet<string>,
    articleIndex: number | undefined,
    excerptOf: (id: number) => number[],
  ): Outcome {
    const sentences = this.library.sentences;
    const picked: number[][] = [];
    const used = new Set<number>();
    const paragraphs = new Set<number>();
    // Other paragraphs first; the same paragraph only when nothing else is left.
    for (const pass of [0, 1]) {
      for (const id of ordered) {
        if (picked.length >= MAX_EXCERPTS) break;
        if (used.has(id)) continue;
        if (pass === 0 && paragraphs.has(sentences[id]!.paragraphId)) continue;
        const ids = excerptOf(id).filter((s) => !used.has(s));
        if (ids.length === 0) continue;
        for (const s of ids) used.add(s);
        paragraphs.add(sentences[id]!.paragraphId);
        picked.push(ids);
      }
    }
    if (picked.length === 0) return { kind: 'not_covered', message: "The article doesn't cover that." };
    const citations = picked.map((ids) => this.cite(ids, docTerms, kind));
    const state: ConversationState = {
      lastTerms: own.map((t) => ({ ...t })),
      lastQuestion: text,
      ranked: ordered.slice(0, 30),
      shown: [...used],
      lastExcerpt: { sentenceIds: picked[0]! },
    };
    const article = articleIndex ?? sentences[picked[0]![0]!]!.articleIndex;
    state.articleIndex = article;
    return { kind: 'answered', citations, state, hasMore: ordered.slice(0, 30).some((id) => !used.has(id)) };
  }

  /** A citation of consecutive sentences, with the role of the sentence that carries it. */
  private cite(ids: readonly number[], docTerms: ReadonlySet<string>, kind: Asked): Citation {
    const citation = citeSentences(this.library, ids, docTerms);
    // The role shown is the strongest of the excerpt's sentences for what was asked.
    const main = [...ids].sort((l, r) => fit(kind, this.argument.reading(r)) - fit(kind, this.argument.reading(l)))[0]!;
    citation.role = kind === 'concession' && this.argument.reading(main).concession > 0 ? CONCESSION_LABEL : ROLE_LABELS[this.argument.reading(main).role];
    return citation;
  }
}
