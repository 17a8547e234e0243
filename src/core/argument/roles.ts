/**
 * Reading the argument: what each sentence does in the article's case — the author's claims (the
 * thesis and the conclusion singled out), evidence, examples, the objections the author answers
 * and the replies to them, the author's evaluations, and the reported news the piece starts from.
 * Read once per library, at index time, from structure (position, neighbours) and wording cues
 * (discourse markers, attribution, evaluative and modal vocabulary, first person).
 *
 * A sentence gets a score for every cue family, not a single label: a question about the evidence
 * for X weighs "evidence" against how well the sentence matches X. `role` is the strongest family,
 * for showing beside an excerpt.
 */
import type { Library } from '../search/library.js';
import { SENTIMENT } from '../lexicon/sentiment.js';
import { terms } from '../text/analyzer.js';
import { sideAsked } from './stance.js';

/** What a sentence does in the argument. */
export type Role = 'thesis' | 'conclusion' | 'claim' | 'evaluation' | 'evidence' | 'example' | 'objection' | 'reply' | 'report' | 'background';

/** How each role is named beside an excerpt. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  thesis: "the author's main claim",
  conclusion: "the author's conclusion",
  claim: "the author's claim",
  evaluation: "the author's view",
  evidence: 'evidence',
  example: 'example',
  objection: 'an objection the author answers',
  reply: "the author's reply",
  report: 'reported news',
  background: 'background',
};

/** The cue scores of one sentence (each 0 or more; about 1 is a clear cue). */
export interface SentenceReading {
  claim: number;
  evaluation: number;
  evidence: number;
  example: number;
  objection: number;
  /** 1 when the author grants a point to the other side ("Administrators are right that …", "To be fair"). */
  concession: number;
  reply: number;
  report: number;
  /** How strongly the sentence states the article's main point (claims about its central subject). */
  thesis: number;
  /** 1 when the sentence asks for something to go ahead or to stop ("should scrap", "I am asking legislators to vote for"): a side taken. */
  asks: number;
  role: Role;
}

// Markers of the author asserting a point: inference, necessity, contrast of a view with another.
const CLAIM_CUES =
  /\b(?:shows?|showed|shown|demonstrat\w*|proves?|proven|illustrates?|reveals?|makes? (?:it )?clear|the facts?|in reality|in truth|the truth is|clearly|undeniabl\w*|indeed|truly|the (?:true|real)|the key|lies? (?:not )?in|essential|must|should|ought|need(?:s)? to|cannot|can ?not|will (?:ultimately|only|never)|not only|more than (?:just|a|an)|rather than|is about|are about|instead of|the (?:lesson|point|question) is|it is time|we (?:must|should|need|cannot))\b/i;
const NOT_BUT = /\bnot\b[^.;]{1,90}\bbut\b/i;
// The author's judgement: evaluative words beside the sentiment lexicon's (which rates feelings, not judgement).
const EVALUATIVE =
  /\b(?:unfair(?:ly)?|rational|irrational|inevitabl\w*|crucial|indispensable|significant|vital|misguided|short-sighted|shortsighted|reckless|sensible|wise|unwise|absurd|naive|contradicts?|rhetoric|hegemon\w*|politiciz\w*|politicis\w*|deserves?|worth(?:while)?|better|worse|best|worst|mistaken|overblown|exaggerat\w*|unfounded|misplaced|foolish|prudent|welcome|troubling|alarming|dangerous|harmful|beneficial|valuable|promising|so-called|merely|no (?:positive|good|real)|broader|rebuttal|encouragement|triumph|unjust|justif\w*|legitimate|illegitimate|right|wrong)\b/i;
const FIRST_PERSON = /\b(?:we|our|us|I|my|in my view|i believe)\b/;
// The author saying where they stand, in the first person: "I think", "We urge", "I would start at",
// or as an editorial names itself: "This newspaper believes".
const OWN_POSITION =
  /\b(?:I|we|We)\s+(?:(?:do\s+not|don['’]t|still|also|would)\s+)?(?:think|believe|urge|argue|insist|contend|propose|recommend|suggest|would|take|dismiss|reject|welcome|support|oppose|doubt|understand|sympathi[sz]e|must|should|need|cannot|can['’]t)\b|\bin my (?:view|opinion)\b|\bto my mind\b|\b(?:[Tt]his|[Oo]ur) (?:newspaper|paper|editorial board|board|column|page)\s+(?:(?:still|also|firmly|strongly)\s+)?(?:believes|thinks|wants|urges|argues|holds|supports|opposes|backs|welcomes|rejects|endorses|recommends)\b/;
// Data and its sources.
const EVIDENCE_CUES =
  /\b(?:data|statistic\w*|figures?|survey\w*|stud(?:y|ies)|research\w*|reports?|reported|according to|analys[ie]s|census|polls?|polled|measured|recorded|ranking|ranked|estimates?|estimated|found that|finds that|shows? that|percent|per cent|share|rate|index|record|average|median|tripled|doubled|halved|grew|rose|fell|increased|decreased|declined)\b/i;
const QUANTITY =
  /\d|%|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|trillion|dozen|twice|half|third|quarter|consecutive)\b/i;
// Illustration.
const EXAMPLE_CUES =
  /\b(?:for (?:example|instance)|such as|e\.g\.|a case in point|take the case|consider the|to name (?:a|but)|examples?|instances?|illustrat\w*|(?:f|F)rom [^,;]{2,60} to [^,;]{2,60},)/;
const BACK_REFERENCE_TO_EXAMPLES = /\b(?:these|those|such|both|the) (?:examples?|cases?|instances?|collaborations?|deals?|developments?|stories|episodes)\b/i;
// Others' views the author takes up: attribution to someone else with a verb of belief or complaint.
const OBJECTION_CUES = [
  /\b(?:some|many|critics?|opponents?|skeptics?|sceptics?|detractors?|supporters|proponents|advocates|defenders|backers|others|those who|naysayers|doubters|a few|certain (?:people|countries|politicians|voices))\b[^.;]{0,100}?\b(?:argu\w*|say|says|said|claim\w*|believ\w*|fear\w*|worr\w*|perceiv\w*|contend\w*|insist\w*|warn\w*|accus\w*|complain\w*|suggest\w*|think|see|view\w*|call\w*|dismiss\w*|object\w*|justify|justified|insist|maintain\w*|question\w*|doubt\w*)\b/i,
  /\bunder the (?:pretext|guise|banner|excuse) of\b/i,
  /\b(?:it is|it's|it has been|is often|are often) (?:often |sometimes |widely |commonly )?(?:said|argued|claimed|suggested|alleged|feared)\b/i,
  /\b(?:critics|opponents|skeptics|sceptics|detractors|naysayers)\b/i,
  /\b(?:concerns?|fears?|worries|objections?|criticisms?|complaints?) (?:that|about|over)\b/i,
  // "The most serious objection is cost.": the author naming the objection before answering it.
  /\b(?:the|one|another|a|an)\s+(?:[a-z]+\s+){0,2}(?:objection|criticism|complaint|counter-?argument)\s+is\b/i,
];
const REPLY_OPENING =
  /^(?:however|but|yet|in reality|in fact|actually|on the contrary|nonetheless|nevertheless|still|the truth is|the reality is|the (?:answer|solution|fix|remedy|cure) is|that (?:argument|claim|view|fear)|this (?:argument|claim|view|fear)|such (?:claims|fears|worries|arguments|views))\b/i;
const REPLY_CUES =
  /\b(?:rebuttal|rebut\w*|misguided|misplaced|unfounded|overblown|myth|mistaken|does not hold|doesn't hold|ignores?|in reality|in fact|the opposite|(?:says?|suggests?|shows?|tells?|proves?) otherwise)\b/i;
// The author granting an objection before answering it.
export const CONCESSION =
  /\b(?:(?:do|does)\s+not\s+dismiss|don['’]t\s+dismiss|understand|sympathi[sz]e|(?:a\s+)?fair\s+(?:point|warning|concern|question)|share\s+(?:it|that|the\s+concern)|(?:I|we)\s+grant|granted,|grant\s+that|admittedly|to\s+be\s+sure|(?:to|want\s+to)\s+be\s+fair|(?:is|are)\s+(?:also\s+|partly\s+)?(?:true|right)|there\s+is\s+something\s+(?:to|in)\s+(?:that|this|it)|it\s+is\s+true\s+that|I\s+(?:think|admit|concede|accept|grant)\s+(?:that\s+)?(?:he|she|they|the\s+\w+)\s+(?:is|are)\s+right)\b/i;
// Reported events: something done, said or planned by someone named.
const EVENT_VERB =
  /\b(?:has|have|had)\s+(?:\w+\s+)?\w+ed\b|\b(?:signed|reached|announced|agreed|acquired|launched|opened|closed|won|lost|released|published|approved|passed|voted|unveiled|struck|reported|said|decided|prepares?|plans?|planned|introduced|imposed|banned|invested|bought|sold|hired|built|began|started|ended|expanded|cut|raised)\b/i;
const REPORTING = /^(?:it is reported|according to|reports? say|officials? said)/i;

/** The claim cue of a sentence that asks for something and has no other cue of the author's voice. */
const ASKS_CLAIM = 0.7;

/** How evaluative `text` is: sentiment words (by strength) and judgement words, capped. */
function evaluativeScore(text: string): number {
  let score = 0;
  for (const w of text.toLowerCase().match(/[a-z][a-z'-]*/g) ?? []) {
    const v = SENTIMENT.get(w);
    if (v !== undefined) score += Math.abs(v) >= 2 ? 0.5 : 0.3;
  }
  score += (text.match(new RegExp(EVALUATIVE.source, 'gi'))?.length ?? 0) * 0.6;
  if (FIRST_PERSON.test(text)) score += 0.3;
  return Math.min(score, 2);
}

/** Distinct names in `text`: capitalized words not opening it, and acronyms. */
function nameCount(text: string): number {
  const names = new Set<string>();
  const words = text.match(/[\p{L}\d][\p{L}\d'’-]*/gu) ?? [];
  words.forEach((w, i) => {
    if (/^[\p{Lu}\d]{2,}$/u.test(w) && /\p{Lu}/u.test(w)) names.add(w);
    else if (i > 0 && /^\p{Lu}/u.test(w)) names.add(w.replace(/['’]s$/, ''));
  });
  return names.size;
}

/**
 * The reading of every sentence of a library, by sentence id. An article is read when one of its
 * sentences is first asked about (a discussion question, a summary, a claim check), not when the
 * library is built: reading costs about as much as indexing, and in a library of hundreds of
 * articles most are never discussed.
 */
export class ArgumentMap {
  /** By sentence id; an article's entries are filled when it is first read. */
  private readonly readings: SentenceReading[] = [];
  /** Each article's first sentence id, and one past its last. */
  private readonly ranges: Array<{ from: number; to: number }> = [];
  private readonly read = new Set<number>();

  constructor(private readonly library: Library) {
    for (const s of library.sentences) {
      const r = (this.ranges[s.articleIndex] ??= { from: s.id, to: s.id });
      r.to = s.id + 1;
    }
  }

  /** The reading of sentence `id` (its article read first if it has not been). */
  reading(id: number): SentenceReading {
    const article = this.library.sentences[id]!.articleIndex;
    if (!this.read.has(article)) {
      this.read.add(article);
      this.readArticle(article, this.library.articles[article]!.info.title);
    }
    return this.readings[id]!;
  }

  /** The text of sentence `id`. */
  text(id: number): string {
    const ref = this.library.sentences[id]!;
    const p = this.library.paragraphOf(ref);
    const span = p.sentences[ref.sentence]!;
    return p.text.slice(span.start, span.end);
  }

  /** Sentence ids of article `a`, in text order. */
  sentencesOf(a: number): number[] {
    const r = this.ranges[a];
    if (!r) return [];
    const out: number[] = [];
    for (let id = r.from; id < r.to; id++) out.push(id);
    return out;
  }

  private readArticle(a: number, title: string): void {
    const lib = this.library;
    const article = lib.articles[a]!;
    const ids = this.sentencesOf(a);
    const paragraphs = article.paragraphs.length;
    // The article's central vocabulary: the title's words and the words most of its paragraphs share.
    const titleTerms = new Set(terms(title));
    const paragraphFreq = new Map<string, number>();
    for (const p of article.paragraphs) for (const t of new Set(terms(p.text))) paragraphFreq.set(t, (paragraphFreq.get(t) ?? 0) + 1);
    const central = new Set([...paragraphFreq.entries()].filter(([, n]) => n >= Math.max(2, paragraphs * 0.3)).map(([t]) => t));
    const texts = ids.map((id) => this.text(id));
    const partial = ids.map((id, k) => {
      const text = texts[k]!;
      const ref = lib.sentences[id]!;
      const objection = OBJECTION_CUES.some((re) => re.test(text)) ? 1 : 0;
      const quantity = QUANTITY.test(text);
      const evidenceWords = text.match(new RegExp(EVIDENCE_CUES.source, 'gi'))?.length ?? 0;
      const evidence = Math.min(2, (quantity ? 0.6 : 0) + evidenceWords * 0.5 + (quantity && evidenceWords > 0 ? 0.4 : 0));
      const names = nameCount(text);
      const report = (names >= 2 && EVENT_VERB.test(text) ? 1 : 0) + (REPORTING.test(text) ? 0.5 : 0);
      const example = EXAMPLE_CUES.test(text) ? 1 : 0;
      const own = OWN_POSITION.test(text);
      // A cue of the author's voice inside reported news ("… instead of the current 9 p.m.") is the news's wording, not a claim.
      const cue = (CLAIM_CUES.test(text) ? 1 : 0) + (NOT_BUT.test(text) ? 0.5 : 0);
      // Asking for something to go ahead or stop ("I am asking legislators to vote for SB 214") is taking a side.
      const asks = sideAsked(text) === 0 ? 0 : 1;
      const claim = (report >= 1 && !own ? 0.5 : 1) * cue + (own ? 0.7 : 0) + (cue === 0 && !own ? ASKS_CLAIM * asks : 0);
      const evaluation = evaluativeScore(text);
      const unique = new Set(terms(text));
      const titleShare = titleTerms.size === 0 ? 0 : [...titleTerms].filter((t) => unique.has(t)).length / titleTerms.size;
      const centralShare = unique.size === 0 ? 0 : [...unique].filter((t) => central.has(t)).length / Math.sqrt(unique.size);
      return { id, ref, text, objection, evidence, report, example, claim, evaluation, titleShare, centralShare, asks };
    });
    partial.forEach((x, k) => {
      const prev = partial[k - 1];
      const sameParagraph = prev !== undefined && prev.ref.paragraphIndex === x.ref.paragraphIndex;
      // A reply: it turns against an objection just before it (same paragraph, or the next one's
      // opening), or two sentences back when the author first grants it ("We do not dismiss that pressure. But …").
      const before = partial[k - 2];
      const granted =
        before !== undefined && sameParagraph && before.ref.paragraphIndex === x.ref.paragraphIndex && before.objection > 0 && prev.objection === 0;
      const afterObjection = (prev !== undefined && prev.objection > 0 && (sameParagraph || x.ref.sentence === 0)) || granted;
      const reply =
        (afterObjection && REPLY_OPENING.test(x.text) ? 1.2 : 0) +
        // The author's own position right after it ("Supporters say … I would say it never got one."),
        // unless it grants the point ("We do not dismiss that pressure.").
        (afterObjection && !REPLY_OPENING.test(x.text) && OWN_POSITION.test(x.text) && !CONCESSION.test(x.text) ? 0.8 : 0) +
        (afterObjection && REPLY_CUES.test(x.text) ? 0.5 : 0) +
        (x.objection === 0 && REPLY_CUES.test(x.text) && /\b(?:claims?|fears?|worries|arguments?|views?)\b/i.test(x.text) ? 0.6 : 0);
      // "These examples show …": the reported events just before it are the examples.
      if (BACK_REFERENCE_TO_EXAMPLES.test(x.text))
        for (let j = k - 1; j >= 0 && partial[j]!.ref.paragraphIndex >= x.ref.paragraphIndex - 1; j--)
          partial[j]!.example = Math.max(partial[j]!.example, partial[j]!.report > 0 ? 0.8 : 0.3);
      (x as typeof x & { reply: number }).reply = reply;
    });
    const last = paragraphs - 1;
    for (const x of partial as Array<(typeof partial)[number] & { reply: number }>) {
      const p = x.ref.paragraphIndex;
      const sentenceCount = article.paragraphs[p]!.sentences.length;
      const lastInParagraph = x.ref.sentence === sentenceCount - 1;
      // Where opinion pieces put their case: the close, and the end of the opening paragraphs.
      let position = 0;
      if (p === last) position += lastInParagraph ? 0.9 : 0.6;
      else if (p >= last - 1 && paragraphs > 4) position += 0.2;
      if (p <= 1 && paragraphs > 3 && lastInParagraph) position += 0.4;
      const authorVoice = x.claim + 0.6 * Math.min(x.evaluation, 1.5) + 0.5 * x.reply;
      const thesis =
        authorVoice + 1.5 * x.titleShare + 0.8 * x.centralShare + position - 0.6 * x.evidence - 0.8 * x.report - 1.2 * x.objection - 0.3 * x.example;
      const scores: Array<[Role, number]> = [
        ['objection', x.objection * 1.6],
        ['reply', x.reply],
        ['evidence', x.evidence * 0.8],
        ['example', x.example],
        ['report', x.report * 0.9],
        ['claim', x.claim],
        ['evaluation', x.evaluation * 0.7],
      ];
      let role: Role = 'background';
      let best = 0.45;
      for (const [r, s] of scores) if (s > best) [role, best] = [r, s];
      this.readings[x.id] = {
        claim: x.claim,
        evaluation: x.evaluation,
        evidence: x.evidence,
        example: x.example,
        objection: x.objection,
        concession: CONCESSION.test(x.text) ? 1 : 0,
        reply: x.reply,
        report: x.report,
        thesis,
        asks: x.asks,
        role,
      };
    }
    // The thesis and the conclusion singled out: the strongest claim overall, and the close's.
    const ranked = [...ids].sort((l, r) => this.readings[r]!.thesis - this.readings[l]!.thesis);
    const top = ranked[0];
    if (top !== undefined && this.readings[top]!.thesis > 1) this.readings[top]!.role = 'thesis';
    const closing = ids
      .filter((id) => lib.sentences[id]!.paragraphIndex === last && paragraphs > 2)
      .sort((l, r) => this.readings[r]!.thesis - this.readings[l]!.thesis)[0];
    if (closing !== undefined && closing !== top && this.readings[closing]!.thesis > 0.8) this.readings[closing]!.role = 'conclusion';
  }
}
