/**
 * The questions a team asks when it discusses an opinion piece, recognized by their frame: the
 * main argument, the opening and the close, the author's view of something, the evidence, the
 * examples, the objections answered, judgements of the article itself, follow-ups asking why, and
 * claims to check. What is left once the frame is taken away is the question's topic.
 */

/** A discussion question's kind. */
export type DiscussionKind = 'thesis' | 'conclusion' | 'opening' | 'view' | 'evidence' | 'examples' | 'objections' | 'concession' | 'reply' | 'judgement';

/** A recognized discussion question: its kind and its topic (the words left beside the frame). */
export interface DiscussionQuestion {
  kind: DiscussionKind;
  /** What the question is about, as typed ("US export restrictions"); empty for the article as a whole. */
  topic: string;
  /** The topic points back into the conversation ("that", "it"). */
  anaphoric: boolean;
}

// The article or its author as the subject of a question.
/**
 * The words that name the article or whoever wrote it ("the editorial", "the reviewer"): one list
 * for the frames, the topic's frame words and the quick test of whether a question may be one.
 */
const WORK_NOUNS: readonly string[] = (
  'article piece editorial op-ed oped column essay story text paper post commentary review blog ' +
  'writer author authors writers columnist editor editors newspaper publication reviewer commentator contributor essayist journalist blogger'
).split(' ');
export const WORK = String.raw`(?:${WORK_NOUNS.map((w) => w.replace('-', '-?')).join('|')})`;
/** A claim or question opening with the work or its author as the subject: "the editorial …", "this author …". */
export const WORK_OPENING = String.raw`^(?:the\s+|this\s+)?${WORK}\s+`;
const SUBJECT = String.raw`(?:(?:the|this|that)\s+(?:[a-z-]+\s+)?${WORK}(?:['’]s)?|it|they|he|she)`;

const JUDGEMENT_WORDS =
  /\b(?:propaganda|biased|bias|one-sided|partisan|trustworthy|trust|reliable|credible|objective|neutral|balanced|fair|unbiased|legit(?:imate)?|fake|misleading|spin|honest|accurate|believ(?:e|able))\b/i;

const ABOUT_WORK = new RegExp(String.raw`\b(?:this|it|that|${WORK}|source|outlet|they)\b`, 'i');

/** "Is this propaganda?", "Is the author biased?", "Can I trust this?": a judgement of the article itself. */
function isJudgement(t: string): boolean {
  if (!JUDGEMENT_WORDS.test(t)) return false;
  if (/\b(?:that|whether)\b\s+\S+\s+\S+/i.test(t) && !/\b(?:that|this)\s+(?:article|piece|editorial|source|author|paper|outlet)\b/i.test(t)) return false;
  const words = t.split(/\s+/).length;
  if (words > 14) return false;
  const aboutWork = ABOUT_WORK.test(t);
  return aboutWork && /^(?:so\s+|but\s+|and\s+)?(?:is|isn['’]t|are|aren['’]t|was|can|could|should|would|do|does|did|how|may|might|am)\b/i.test(t);
}

const RULES: Array<[DiscussionKind, RegExp]> = [
  [
    'thesis',
    new RegExp(
      String.raw`\b(?:(?:main|central|key|core|overall|basic|primary|big|chief|principal|underlying)\s+(?:argument|point|claim|idea|message|thesis|contention|takeaway|thrust|position|case|conclusion)s?|thesis|(?:the\s+|its\s+)?(?:gist|upshot|crux|thrust|essence)\s+of\s+${SUBJECT}|what['’]s\s+${SUBJECT}\s+(?:trying\s+to\s+say|arguing|getting\s+at|driving\s+at|(?:really\s+)?saying|pushing\s+for|calling\s+for|asking\s+for|urging)|take-?aways?|bottom\s+line|in\s+a\s+nutshell|point\s+(?:the\s+)?${WORK}\s+(?:is\s+)?(?:making|trying)|(?:what(?:['’]s|\s+is|\s+are)|summari[sz]e|explain|state)\s+(?:the\s+)?${WORK}(?:['’]s)?\s+(?:argument|point|claim|message|position|case|thesis|contention)s?|what\s+(?:is|does)\s+${SUBJECT}\s+(?:trying\s+to\s+say|arguing|argue|getting\s+at|trying\s+to\s+argue|(?:really\s+)?saying|making\s+the\s+case\s+for|driving\s+at)|what\s+case\s+does\s+${SUBJECT}\s+make|(?:trying|try|want|wants|seeks?|hoping)\s+to\s+(?:convince|persuade|tell|argue|get\s+across|prove)|convince\s+(?:readers|us|people|the\s+reader)|what\s+(?:is|are)\s+${SUBJECT}\s+(?:asking|urging|calling\s+for|calling\s+on|proposing|recommending|advocating|pushing\s+for|arguing\s+for)|boil\s+(?:\w+\s+){0,3}down|what\s+is\s+${SUBJECT}\s+(?:arguing|saying)|(?:the|its)\s+argument\s+(?:of|in)\s+${SUBJECT}|^(?:what['’]s|what\s+is)\s+(?:the\s+)?(?:point|argument|message|gist|upshot)(?:\s+(?:here|of\s+(?:it|this)))?\s*\??$)`,
      'i',
    ),
  ],
  [
    'conclusion',
    new RegExp(
      String.raw`\b(?:how\s+does\s+${SUBJECT}\s+(?:conclude|end|close|finish|wrap\s+up|sign\s+off)|(?:final|closing|last|concluding)\s+(?:message|point|word|words|thought|thoughts|paragraph|argument|line|lines|takeaway)|conclusion\s+of\s+${SUBJECT}|${SUBJECT}\s+conclu(?:de|des|sion)|what\s+(?:does|do)\s+${SUBJECT}\s+conclude|where\s+does\s+${SUBJECT}\s+(?:end\s+up|land|come\s+down)|where\s+${SUBJECT}\s+(?:ends\s+up|lands|comes\s+down)|want\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?\s+to\s+do|call\s+to\s+action|what\s+should\s+(?:readers|we|people)\s+do|^(?:what['’]s|what\s+is)\s+(?:the|its)\s+conclusion\s*\??$)`,
      'i',
    ),
  ],
  [
    'opening',
    new RegExp(
      String.raw`\b(?:how\s+does\s+${SUBJECT}\s+(?:open|begin|start|kick\s+off)|(?:opening|first|introductory)\s+(?:paragraph|line|lines|sentence|sentences|words)|what\s+does\s+${SUBJECT}\s+(?:open|begin|start)\s+with|${SUBJECT}\s+(?:opens|begins|starts)\s+(?:with|by)|(?:what|which)\s+(?:story|news|anecdote|incident|event|scene|example)\s+(?:does|do)\s+${SUBJECT}\s+(?:start|open|begin|lead|kick\s+off)(?:\s+with)?|(?:what|which)\s+(?:[\w-]+\s+){0,2}(?:does|do|did)\s+${SUBJECT}\s+(?:start|open|begin|lead|kick\s+off)\s+(?:with|on)\b)\b`,
      'i',
    ),
  ],
  [
    // What the author grants the other side: "Does the author admit any drawbacks?", "What does she concede?"
    'concession',
    new RegExp(
      String.raw`\b(?:(?:does|do|did)\s+${SUBJECT}\s+(?:admit|concede|acknowledge|grant|recogni[sz]e)|what\s+(?:does|do|did)\s+${SUBJECT}\s+(?:admit|concede|acknowledge|grant)|concessions?|(?:admit|admits|concede|concedes|acknowledge|acknowledges)\s+(?:any\s+|some\s+|the\s+)?(?:drawbacks?|downsides?|weakness(?:es)?|costs?|problems?|flaws?|limits?|limitations?|risks?)|give\s+ground|where\s+(?:does|do)\s+${SUBJECT}\s+(?:agree\s+with|side\s+with)\s+(?:the\s+)?(?:critics|opponents|other\s+side))\b`,
      'i',
    ),
  ],
  [
    'objections',
    new RegExp(
      String.raw`\b(?:objections?|criticisms?|critics|counter-?arguments?|counter-?points?|opposing\s+views?|other\s+side|push(?:es|ing)?\s+back|rebut(?:s|tal|ted)?|refut(?:e|es|ed|ation)|answer\s+(?:to\s+)?(?:the\s+)?(?:critics|skeptics|objections)|skeptics?|sceptics?|detractors|opponents|naysayers|concerns?\s+(?:does|do|did|that)\s+${SUBJECT}|worries\s+(?:does|do|did)\s+${SUBJECT}|(?:what|which)\s+(?:worries|fears|concerns|doubts)(?!\s+${SUBJECT}\b))\b`,
      'i',
    ),
  ],
  [
    'evidence',
    new RegExp(
      String.raw`\b(?:(?:what|which|any|is\s+there|give|cite|show|where['’]s|where\s+is|how\s+much)\s+(?:\w+\s+){0,2}(?:evidence|data|statistics|stats|figures|numbers|proof|facts|sources?|research|studies)|(?:evidence|data|statistics|stats|figures|numbers|proof|facts)\s+(?:for|of|that|behind|supporting|to\s+support|back(?:s|ing)?\s+up|does\s+${SUBJECT}|do\s+${SUBJECT}|is\s+there)|(?:back(?:s|ed)?\s+up|support(?:s|ed)?|substantiate[sd]?|prove[sd]?)\s+(?:the|this|that|its|his|her|their)\s+(?:claim|argument|point|case|assertion|view)|^(?:the\s+|any\s+|some\s+)?(?:evidence|proof|data|figures|numbers|sources?)(?:\s+for\s+(?:that|this|it))?\s*[?.!]*$)`,
      'i',
    ),
  ],
  [
    'examples',
    new RegExp(
      String.raw`\b(?:examples?|instances?|illustrations?|anecdotes?|(?:real[-\s]world|concrete|specific|actual|practical)\s+(?:cases?|deals?|instances?|stories)|cases?\s+(?:does|do|did)\s+${SUBJECT}\s+(?:cite|give|mention|use|offer|point\s+to|describe))\b`,
      'i',
    ),
  ],
  [
    'reply',
    new RegExp(
      String.raw`\b(?:(?:${SUBJECT}|${WORK}['’]s|its|his|her|their)\s+(?:reply|replies|response|responses|answer|answers|rebuttal|comeback|counter(?:-?argument)?)|how\s+(?:does|do|did)\s+${SUBJECT}\s+(?:respond|reply|answer|counter|rebut|refute|deal\s+with|address|handle|push\s+back))\b`,
      'i',
    ),
  ],
  [
    'view',
    new RegExp(
      String.raw`\b(?:(?:${SUBJECT}|${WORK}['’]s)\s+(?:view|views|opinion|opinions|take|attitude|stance|position|perspective|stand|verdict|assessment|feelings?|thoughts?)|(?:what|how)\s+(?:does|do|did)\s+${SUBJECT}\s+(?:think|feel|view|see|regard|make\s+of|judge|assess|say\s+about\s+(?:the\s+)?(?:value|merits|wisdom))|(?:does|do|did|is|are)\s+${SUBJECT}\s+(?:think|believe|buy|accept|share|trust|like|support|oppose|favou?r|approve|agree|endorse|critici[sz]e|reject|want|welcome|praise|blame|condemn|suspect|fear|doubt|expect|predict|worry|for|against|in\s+favou?r|opposed|critical|supportive|positive|negative|sympathetic|skeptical|sceptical|worried|concerned|optimistic|pessimistic|hopeful)|how\s+does\s+${SUBJECT}\s+(?:feel|see|view|judge|rate|characteri[sz]e|describe|portray|frame)|where\s+does\s+${SUBJECT}\s+stand|(?:what|which)\s+(?:[\w-]+\s+){0,2}(?:does|do)\s+${SUBJECT}\s+(?:propose|suggest|recommend|put\s+forward|call\s+for|advocate|prescribe)|what\s+does\s+${SUBJECT}\s+(?:make|think)\s+of|what\s+(?:worries|concerns|troubles|bothers|alarms|frightens)\s+${SUBJECT}|according\s+to\s+${SUBJECT},?\s+(?:is|are|was|were|should|does|do)\b)`,
      'i',
    ),
  ],
];

/** The frame words taken out to leave the topic. */
const FRAME = new RegExp(
  String.raw`\b(?:${WORK}|what(?:['’]s)?|which|how|does|do|did|is|are|was|were|the|this|that|its|his|her|their|an?|of|from|about|on|toward|towards|regarding|for|to|in|with|by|say|says|said|think|thinks|feel|feels|believe|believes|view|views|opinion|opinions|take|attitude|stance|position|perspective|stand|verdict|assessment|feelings?|thoughts?|make|makes|main|central|key|core|overall|argument|arguments|point|points|claim|claims|message|thesis|takeaway|evidence|data|statistics|stats|figures|numbers|proof|facts|backs?|backing|backed|up|support(?:s|ing|ed)?|examples?|instances?|cases?|real[-\s]world|concrete|specific|cite|cites|give|gives|mention|mentions|objections?|criticisms?|critics|concerns?|worries|fears|push(?:es)?|back|rebut(?:s|tal)?|answer|answers|respond|responds|response|there|any|some|author['’]s|editorial['’]s|article['’]s|writer['’]s|piece['’]s|reviewer['’]s|review['’]s|or|really|according|provide|provides|offer|offers|present|presents|use|uses|attribute|attributes|tell|me|you|we|give|show|shows|reveal|reveals|illustrate|illustrates|demonstrate|demonstrates|prove|proves|arguing|argue|argues|argued|nutshell|boil|down|buy|accept|agree|disagree|share|trust|oppose|opposed|favou?r|approve|endorse|critici[sz]e|reject|welcome|praise|blame|condemn|against|like|try|tries|trying|rely|relies|point|points|draw|draws|lean|leans|address|addresses|put|forward|lead|leads|start|starts|open|opens|begin|begins|reply|replies|response|rebuttal|counter|handle|handles|deal|deals|convince|persuade|readers|summari[sz]e|summary|sum|explain|describe|outline|state|states|briefly|quickly|please|can|could|would|made|making)\b`,
  'gi',
);

/**
 * `text` with the article's author and publication named as "the author" ("What is Okafor's main
 * claim?", "Is the Courier in favour of …?"), so the frames above recognize them.
 */
export function withAuthorNamed(text: string, names: readonly string[] | RegExp | undefined): string {
  const pattern = names instanceof RegExp || names === undefined ? names : authorPattern(names);
  // "the Global Times' view": a possessive, however it is written, stays one.
  return pattern ? text.replace(pattern, (m) => (/['’]s?$/.test(m) ? "the author's" : 'the author')) : text;
}

/** One pattern for all of `names` (longest first), or undefined for none: made once per library. */
export function authorPattern(names: readonly string[]): RegExp | undefined {
  if (names.length === 0) return undefined;
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(String.raw`(?:\bthe\s+)?\b(?:${escaped.join('|')})(?:['’]s\b|['’](?=\s)|\b)`, 'gi');
}

/** How an article's author and publication may be named in a question: full names, surnames, the outlet without "The". */
export function authorNames(info: { author?: string | undefined; source?: string | undefined }): string[] {
  const out = new Set<string>();
  const author = info.author?.trim();
  if (author) {
    out.add(author);
    const last = author.split(/\s+/).at(-1)!;
    if (last.length >= 3 && /^\p{Lu}/u.test(last)) out.add(last);
  }
  const source = info.source
    ?.replace(/\s*\([^)]*\)\s*$/, '')
    .replace(/^the\s+/i, '')
    .trim();
  if (source && source.length >= 3) {
    out.add(source);
    const last = source.split(/\s+/).at(-1)!;
    // "The Harrowgate Courier" is "the Courier"; a generic last word ("Times", "News", "Post") alone is not.
    if (
      source.includes(' ') &&
      last.length >= 4 &&
      /^\p{Lu}/u.test(last) &&
      !/^(?:times|news|post|daily|journal|herald|review|weekly|online|today|magazine)$/i.test(last)
    )
      out.add(last);
  }
  // Longest first: "Global Times" before "Times".
  return [...out].sort((l, r) => r.length - l.length);
}

/**
 * Every word FRAME takes out, one by one (its patterns spelled out; "real world" as two words), and
 * the words the frames take out themselves ("How does it end?", "What's the gist?"): a question
 * with any other word, or pronoun, has a topic of its own.
 */
const FRAME_WORDS: ReadonlySet<string> = new Set(
  `
  what what's which how does do did is are was were the this that its his her their a an of from about
  on toward towards regarding for to in with by say says said think thinks feel feels believe
  believes view views opinion opinions take attitude stance position perspective stand verdict
  assessment feeling feelings thought thoughts make makes main central key core overall argument
  arguments point points claim claims message thesis takeaway evidence data statistics stats
  figures numbers proof facts back backs backing backed up support supports supporting supported example
  examples instance instances case cases real world real-world concrete specific cite cites give
  gives mention mentions objection objections criticism criticisms critics concern concerns worries
  fears push pushes rebut rebuts rebuttal answer answers respond responds response there any
  some author's editorial's article's writer's piece's reviewer's review's really according provide provides offer offers present presents use uses attribute
  attributes tell me you we show shows reveal reveals illustrate illustrates demonstrate
  demonstrates prove proves arguing argue argues argued nutshell boil down buy accept agree
  disagree share trust oppose opposed favor favour approve endorse criticize criticise reject
  welcome praise blame condemn against like try tries trying rely relies draw draws lean leans
  address addresses put forward lead leads start starts open opens begin begins reply replies
  rebuttal counter handle handles deal deals convince persuade readers summarize summarise summary
  sum explain describe outline state states briefly quickly please can could would made making or
  end ends conclude concludes close closes finish finishes wrap gist upshot crux land lands at
  driving getting pushing urging asking calling propose proposes bottom line takeaways take-away
  take-aways crux thrust essence contention idea basic primary big chief principal underlying admit
  admits concede concedes concession concessions acknowledge acknowledges grant grants drawback
  drawbacks downside downsides weakness weaknesses flaw flaws limitation limitations ground suspect
  suspects fear doubt doubts expect expects predict predicts worry worried concerned optimistic
  pessimistic hopeful`
    .trim()
    .split(/\s+/)
    .concat(WORK_NOUNS),
);

/** Pronouns that point back into the conversation. */
const ANAPHOR = /^(?:that|it|this|these|those|them|they|he|she|him|her)$/i;

/**
 * "In one line, …", "TL;DR", "Boil it down for me: …": asks for the piece's point in brief. The
 * words are not a topic ("one line" is not about the number one).
 */
const BREVITY =
  /^(?:in\s+(?:one|a|a\s+single)\s+(?:line|sentence|word|phrase)|in\s+short|in\s+brief|briefly|tl;?\s*dr|too\s+long[;,]?\s+didn['’]?t\s+read|long\s+story\s+short|boil\s+(?:\w+\s+){0,3}down(?:\s+for\s+(?:me|us))?|the\s+short\s+version|short\s+version)\b\s*[,:;.!?—–-]*\s*/i;
/** After a brevity opening, "what does the nurse want?": the author (by any description) and what they argue for. */
const WHAT_THEY_ARGUE =
  /^what\s+(?:does|do|is|are)\s+(?:the\s+|this\s+)?[\p{L}'’-]+(?:\s+[\p{L}'’-]+)?\s+(?:want|wants|argu(?:e|ing)|say(?:ing)?|think|believe|propose|proposing|mean|push(?:ing)?\s+for|ask(?:ing)?\s+for|driving\s+at|getting\s+at|after|really\s+saying)\s*\??$/iu;

/** The discussion question `text` asks, if it is one. */
export function readDiscussionQuestion(text: string): DiscussionQuestion | undefined {
  const brief = BREVITY.exec(text.trim());
  if (brief) {
    const rest = text.trim().slice(brief[0].length);
    if (rest === '' || WHAT_THEY_ARGUE.test(rest)) return { kind: 'thesis', topic: '', anaphoric: false };
    const inner = readDiscussionQuestion(rest);
    if (inner) return inner;
  }
  if (JUDGEMENT_WORDS.test(text) && isJudgement(text.trim())) return { kind: 'judgement', topic: '', anaphoric: false };
  // A question that names neither the article nor its author is a discussion question only when
  // it is nothing but a frame ("What's the main point?", "How does it end?"). Most questions ask
  // about something: one word outside the frame, and the frames below are not tried (matching
  // them costs more than a look-up can spare).
  // "so what does it conclude from that?", "and the evidence?": the opening "so", "and", "but" only joins it to the talk.
  const t = text
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/^(?:so|and|but|ok(?:ay)?|well),?\s+/i, '');
  if (!namesWorkOrFrame(t)) return undefined;
  for (const [kind, re] of RULES) {
    const frame = re.exec(t);
    if (!frame) continue;
    // Within the frame's span, every frame word goes ("pushing for", "the gist of"), its other
    // words stay ("What compromise does it put forward?"); elsewhere, FRAME's.
    const span = frame[0].replace(/[\p{L}'’-]+/gu, (w) =>
      FRAME_WORDS.has(w.toLowerCase().replace(/’/g, "'").replace(/'s$/, '')) || /^(?:he|she)$/i.test(w) ? ' ' : w,
    );
    const topic = topicOf(t.slice(0, frame.index) + ` ${span} ` + t.slice(frame.index + frame[0].length));
    const anaphoric = ANAPHOR.test(topic) || topic === '';
    // "What are examples of economic actors?", "How long does it take …?": a question about the
    // world, not the article, unless it names the article or its author, or asks nothing beside the frame.
    if (!anaphoric && !mentionsWork(t)) return undefined;
    return { kind, topic: ANAPHOR.test(topic) ? '' : topic, anaphoric };
  }
  return undefined;
}

const WORK_MENTION = new RegExp(String.raw`\b${WORK}\b`, 'i');
/** The words that name the article or its author (WORK's), and the pronouns for an author. */
const WORK_WORDS: ReadonlySet<string> = new Set([...WORK_NOUNS, 'he', 'she']);
const PRONOUNS: ReadonlySet<string> = new Set(['that', 'it', 'this', 'these', 'those', 'them', 'they', 'he', 'she', 'him', 'her', 'us']);

/**
 * Whether `text` may be a discussion question: it has a word naming the article or its author (the
 * frames then decide), or every word of it is a frame word or a pronoun (a frame with no topic of
 * its own). A word-by-word look-up, since trying the frames on every question costs more than a
 * look-up can spare.
 */
function namesWorkOrFrame(text: string): boolean {
  const words =
    text
      .toLowerCase()
      .replace(/’/g, "'")
      .replace(/'s\b/g, '')
      .match(/[a-z][a-z'-]*/g) ?? [];
  let bare = true;
  for (const w of words) {
    if (WORK_WORDS.has(w)) return true;
    if (bare && !FRAME_WORDS.has(w) && !PRONOUNS.has(w)) bare = false;
  }
  return bare;
}
/** Another work than the article: "Hutton's paper", "the NY Times article". */
const OTHER_WORK = new RegExp(String.raw`\b\p{Lu}[\p{L}.]*(?:['’]s)?\s+${WORK}\b`, 'u');

/** Whether `text` names the article or its author ("the editorial", "the author's view"), not another work. */
function mentionsWork(text: string): boolean {
  if (/\b(?:he|she)\s+(?:give|gives|cite|cites|offer|offers|provide|provides|point|points|rely|relies|present|presents|propose|proposes)\b/i.test(text))
    return true;
  // "Does he think nostalgia is a good reason?": the present tense is the author's, writing now
  // ("What did he think …" is a history's subject).
  if (
    /\b(?:does|do|is)\s+(?:he|she)\s+(?:think|believe|feel|want|see|view|consider|agree|support|oppose|favou?r|like|buy|accept|say|propose|suggest|recommend|make\s+of)\b/i.test(
      text,
    )
  )
    return true;
  return WORK_MENTION.test(text) && !OTHER_WORK.test(text.replace(/^\s*\p{Lu}/u, (c) => c.toLowerCase()));
}

/** The words of `text` beside its frame ("US export restrictions" of "What does the author think about US export restrictions?"). */
export function topicOf(text: string): string {
  return (
    text
      .replace(/['’]s\b/g, '')
      // "tell us", not "the US": the pronoun is lower case.
      .replace(/\bus\b/g, ' ')
      .replace(FRAME, ' ')
      .replace(/[?!.,;:"“”‘’()]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** "why?", "why does that matter?", "why did they do it?": asks for the reason behind the last answer. */
export function isWhyFollowUp(text: string): boolean {
  return /^\s*(?:and\s+|but\s+|so\s+|ok(?:ay)?,?\s+)?(?:why|so\s+what|how\s+come|for\s+what\s+reason|what\s+for|what['’]s\s+the\s+reason|what\s+is\s+the\s+reason|why\s+is\s+that|why\s+so)\b/i.test(
    text,
  );
}

/** "say more", "go on", "elaborate": the next excerpts of the conversation. */
export const MORE_PATTERN =
  /^(?:more|next|continue|go\s+on|keep\s+going|(?:please\s+)?(?:tell|show|say|give)\s+(?:me\s+|us\s+)?more(?:\s+about\s+(?:that|it|this))?|say\s+more|more\s+please|what\s+else|anything\s+else|what\s+more|elaborate(?:\s+on\s+(?:that|it|this))?|can\s+you\s+elaborate|expand(?:\s+on\s+(?:that|it|this))?|and\s+then\??|go\s+ahead|carry\s+on)\s*(?:please)?\s*[.!?]*$/i;

/** How a claim check is asked: "check X", "Does the article say that X?", "Is it true that X?". */
const CLAIM_PATTERNS: readonly RegExp[] = [
  /^(?:check|verify|fact[-\s]?check)(?:\s+(?:the\s+)?claim)?[:\s]+(.+)$/i,
  new RegExp(
    String.raw`^(?:does|did|do)\s+(?:the|this)\s+${WORK}\s+(?:really\s+)?(?:say|claim|state|argue|suggest|mention|report|assert|write|contend)\s+(?:that\s+)?(.+)$`,
    'i',
  ),
  /^(?:is|was)\s+it\s+(?:really\s+)?(?:true|right|correct|accurate|the\s+case)\s+(?:that\s+)?(.+)$/i,
  /^(?:true\s+or\s+false|fact\s+or\s+fiction)[:,\s]+(.+)$/i,
];
/** Every claim check opens with one of these words: the patterns are tried only then. */
const CLAIM_OPENING = /^(?:check|verify|fact|does|did|do|is|was|true)\b/i;

/** The claim of a claim-check question: "Does the article say that X?", "Is it true that X?", "check X". */
export function claimOf(text: string): string | undefined {
  const t = text.trim().replace(/\s+/g, ' ');
  if (!CLAIM_OPENING.test(t)) return undefined;
  for (const re of CLAIM_PATTERNS) {
    const m = t.match(re);
    if (m?.[1]) {
      const claim = m[1]
        .replace(/[?!.\s]+$/, '')
        .replace(/^that\s+/i, '')
        .trim();
      if (claim.split(/\s+/).length >= 2) return claim;
    }
  }
  return undefined;
}
