/**
 * The plain data that crosses the boundary between the core and every adapter.
 * Nothing here knows about a chat platform: no markdown dialect, no length limits.
 */

/** Metadata of one article in the library. */
export interface ArticleInfo {
  /** The file name without `.md`. */
  id: string;
  title: string;
  source?: string;
  url?: string;
  published?: string;
  author?: string;
  credit?: string;
  paragraphCount: number;
}

/** A character range `[start, end)`, relative to the string it belongs to. */
export interface Range {
  start: number;
  end: number;
}

/** One verbatim excerpt of a paragraph. */
export interface Citation {
  articleId: string;
  /** 1-based paragraph number. */
  paragraph: number;
  /** How to show the citation: `¶3` with one article, `article-id ¶3` with several. */
  label: string;
  /** An exact substring of the paragraph: `paragraphText.slice(start, end) === excerpt`. */
  excerpt: string;
  start: number;
  end: number;
  /** Matched query terms inside `excerpt` (offsets relative to the excerpt), for highlighting. */
  highlights: Range[];
  /** The section heading the paragraph sits under, when the article has headings. */
  section?: string;
  /** Search results: the paragraph's opening words, to recognize it by. */
  opening?: string;
  /** What the excerpt does in the article's argument ("the author's claim", "evidence"), for discussion answers. */
  role?: string;
}

/** A claim check's verdict: the article backs it, covers it differently, or does not cover it. */
export type Verdict = 'supported' | 'partly' | 'not-found';

/**
 * What the reply is:
 * - `answered`: citations answer the question;
 * - `not_covered`: the article does not cover it (no citations, `message` says why);
 * - `help`: greeting or help request (no citations);
 * - `quote`, `summary`, `search`, `about`: the commands' results;
 * - `invalid`: the input could not be used (empty, paragraph out of range, nothing more…);
 * - `note`: a short line, no citation (thanks, a question not in English, articles added, chosen, listed).
 */
export type ReplyStatus =
  | 'answered'
  | 'not_covered'
  | 'help'
  | 'quote'
  | 'summary'
  | 'search'
  | 'about'
  | 'invalid'
  /** A short line with no citation: "You're welcome", an article added or chosen, the list of articles. */
  | 'note'
  /** Nothing to post: a plain message in a followed thread that is not a question for the bot (`Request.passive`). */
  | 'silent';

/** The core's answer to a request. Adapters render it; they never change its content. */
export interface Reply {
  status: ReplyStatus;
  /** A plain-language line for the user, e.g. "The article doesn't mention India." */
  message?: string;
  /** 0–3 citations for answers; more for summary and search. */
  citations: Citation[];
  /** Whether a `more` request would give further excerpts. */
  hasMore: boolean;
  /** The article the reply is about (title for footers, url for links, paragraph count). */
  article?: ArticleInfo;
  /** The question as the core understood it (after bounding and cleaning). */
  question?: string;
  /** Notices about the input, e.g. that it was cut to the maximum length. */
  notices: string[];
  /** Example questions, for help replies. */
  examples?: string[];
  /** A claim check's verdict (`check …`, "Is it true that …?"); `message` says it in words. */
  verdict?: Verdict;
}

/** A structured command. Adapters build these from slash commands and buttons. */
export type Command =
  | { kind: 'ask'; question: string }
  /** `articleId`: `quote art17 1` names the article in the text. */
  | { kind: 'quote'; paragraph: number; articleId?: string }
  | { kind: 'summary' }
  | { kind: 'search'; query: string }
  | { kind: 'about' }
  | { kind: 'help' }
  | { kind: 'more' }
  /** What the thread has discussed and not, its unanswered questions and checked claims. */
  | { kind: 'recap' }
  /** Start a discussion: the main argument and key claims with their evidence, as prompts. */
  | { kind: 'discuss' }
  /** Turn follow mode on or off for the request's channel (same permission as adding an article). */
  | { kind: 'follow'; on: boolean }
  /** Check a claim against the article: a verdict with the deciding excerpts. */
  | { kind: 'check'; claim: string }
  /** Add an article from a link, a local file (terminal only) or a chat attachment. */
  | { kind: 'add'; source: ArticleSource }
  /** Make `articleId` the current article of the request's channel. */
  | { kind: 'use'; articleId: string }
  /** Remove an article added from chat (same permission as adding; bundled articles never). */
  | { kind: 'remove'; articleId: string }
  /** The articles, and which is the channel's current one. */
  | { kind: 'list' }
  /** Free text typed by a user: parsed into one of the commands above. */
  | { kind: 'text'; text: string };

/** Where an article to add comes from. */
export type ArticleSource =
  | { kind: 'link'; url: string }
  /** A file on the machine running Pilcrow: only ever honoured for the terminal (`mayAdd: 'files'`). */
  | { kind: 'path'; path: string }
  /** A file attached in a chat, fetched from `url`; `name` gives its type (.md, .txt, .html, .pdf). */
  | { kind: 'attachment'; url: string; name: string };

/** What a request may add: nothing (default), links and attachments, or local files too (terminal). */
export type AddPermission = 'none' | 'links' | 'files';

/** One request to the core. */
export interface Request {
  /** A thread, a DM, a terminal session: follow-ups are understood within it. */
  conversationId: string;
  userId: string;
  command: Command;
  /** Restrict to one article id when the library holds several. */
  articleId?: string;
  /**
   * The channel (or DM) the request came from: its current article, set with `use <id>` or by
   * adding an article there, answers when `articleId` is not given.
   */
  channelId?: string;
  /** Whether this user may add articles here; adapters decide (roles, admin lists). Default `none`. */
  mayAdd?: AddPermission;
  /** Who the user is, for the front matter of an article they add (a display name). */
  userName?: string;
  /**
   * The conversation is a discussion thread (or the terminal session): what it cites, cannot
   * answer and checks is kept for `recap`, and a request from a person there (a mention, a
   * command) makes Pilcrow a member of it, so follow mode reads its plain messages.
   */
  thread?: boolean;
  /**
   * A plain message in a thread, not addressed to the bot: answered only when the channel is
   * followed, Pilcrow is a member of the thread, the message is a question for it and the article
   * answers it. Anything else gets a reply with status `silent`, to post nothing.
   */
  passive?: boolean;
  /**
   * Whose request it is: a Slack workspace (`slack:T…`, or `slack:E…` on Enterprise Grid) or a
   * Discord server (`discord:<guild id>`; a DM: `discord:dm:<user id>`). It sees the bundled
   * articles and its own added ones, never another tenant's. Unset (the terminal, a single
   * deployment's tools): every article.
   */
  tenant?: string;
}

/** A 👍 / 👎 on a reply, recorded through the core. */
export interface Feedback {
  conversationId: string;
  /** The tenant the vote came from (`Request.tenant`). */
  tenant?: string;
  userId: string;
  vote: 'up' | 'down';
  question?: string;
  citation?: { articleId: string; paragraph: number };
}

/** An autocomplete choice: `name` is shown (≤ 100 chars), `value` is sent back. */
export interface Suggestion {
  name: string;
  value: string;
}

/** The minimal logger the core writes to (pino satisfies it). */
export interface CoreLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** One answered or refused question, as the core reports it to a question log. */
export interface QuestionEvent {
  at: Date;
  /** The tenant that asked (`Request.tenant`); unset for a request without one. */
  tenant?: string;
  conversationId: string;
  userId: string;
  /** The article answered from (the first citation's), or the one in scope for a refusal. */
  articleId: string;
  status: 'answered' | 'not_covered';
  /** The question as the core understood it (bounded and cleaned). */
  question: string;
  /** The question's content words, lower case, in order. */
  terms: string[];
  /** For a refusal: the content words the library does not hold (all of them when it holds each). */
  missing: string[];
  /** The citations of an answer, first first. */
  citations: { articleId: string; paragraph: number; excerpt: string }[];
}

/** What a platform adapter asks of the core; a `Pilcrow` is one. */
export interface Bot {
  /** Every article (all tenants'): for the operator's views, never shown in a chat. */
  readonly articles: ArticleInfo[];
  /** The articles a request of `tenant` sees (`Request.tenant`). */
  articlesFor(tenant: string | undefined): ArticleInfo[];
  handle(request: Request): Promise<Reply>;
  feedback(feedback: Feedback): void;
  /** Autocomplete from the articles `tenant` sees. */
  suggestQuestions(typed: string, limit?: number, tenant?: string): Suggestion[];
  paragraphChoices(typed: string, limit?: number, tenant?: string): Suggestion[];
}

/**
 * Where the core reports questions and feedback (the question log). Both calls must return at
 * once and never throw: a log must not delay or fail an answer.
 */
export interface QuestionLogSink {
  question(event: QuestionEvent): void;
  feedback(feedback: Feedback, at: Date): void;
}
