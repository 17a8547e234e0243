/**
 * The core's front door: requests in, replies (plain data) out. Adapters call only this.
 */
import { createHash } from 'node:crypto';
import { MemoryChannelSettingsStore, type ChannelSettingsStore } from '../ports.js';
import { Answerer, makeCitation, parseQuestion, type Outcome } from '../answer/answerer.js';
import { DiscussionAnswerer } from '../argument/answers.js';
import { ClaimChecker } from '../argument/claims.js';
import { authorNames, authorPattern, claimOf, isWhyFollowUp, readDiscussionQuestion, withAuthorNamed, type DiscussionQuestion } from '../argument/questions.js';
import { ArgumentMap } from '../argument/roles.js';
import { loadArticles, type Article } from '../articles/content.js';
import { MemoryConversationStore, type ConversationState, type ConversationStore } from './conversation.js';
import { UserFacingError } from '../errors.js';
import { detailsLine, detectIntent, hasDetail, notEnglishLine, THANKS_REPLY } from '../answer/intents.js';
import { Library } from '../search/library.js';
import { parseCommand } from './parse-command.js';
import { summarize } from '../answer/summary.js';
import { terms } from '../text/analyzer.js';
import { clip } from '../text/clip.js';
import { questionForBot, recapText, recordReply } from './thread.js';
import type { ArticleInfo, ArticleSource, Citation, Command, CoreLogger, Feedback, QuestionLogSink, Reply, Request, Suggestion } from '../types.js';

/**
 * Turns a link, a local file or an attachment into an article saved in the content folder
 * (`src/ingest` provides one). Throws a `UserFacingError` for anything the user should be told.
 */
export type ArticleLoader = (source: ArticleSource, addedBy: string) => Promise<Article>;

/**
 * Deletes the article `id` where added articles are kept (`src/store` provides one): true when it
 * was an article added from chat and is gone, false when no added article has that id (a bundled
 * one, from the content folder, is never removed).
 */
export type ArticleDeleter = (id: string) => Promise<boolean>;

/** Options of a Pilcrow instance. */
export interface PilcrowOptions {
  logger?: CoreLogger;
  /** Longest question accepted; longer input is cut and the reply says so. Default 2000. */
  maxQuestionChars?: number;
  /** Where conversations are kept. Default: in memory, bounded, expiring. */
  store?: ConversationStore;
  /** Where each channel's current article is kept. Default: in memory. */
  channels?: ChannelSettingsStore;
  /** How `add`/`load` turn a source into an article. Unset: adding articles is off. */
  loadArticle?: ArticleLoader;
  /** How `remove <id>` deletes an added article. Unset: removing articles is off. */
  deleteArticle?: ArticleDeleter;
  /** Where answered and refused questions and feedback are reported. Default: nowhere. */
  log?: QuestionLogSink;
  /** Follow mode for channels that have not chosen (`FOLLOW_THREADS`). Default off. */
  followThreads?: boolean;
}

const DEFAULT_MAX_CHARS = 2000;
const SUGGESTION_MAX = 100;
/** Most characters of typed text autocomplete reads. */
export const AUTOCOMPLETE_INPUT_MAX = 200;
/** Most paragraphs a search lists: a chat reply is no place for thousands (they are counted). */
export const SEARCH_RESULTS_MAX = 25;
const SILENT: CoreLogger = { info: () => {}, warn: () => {} };
/** Articles listed (or summarized) at most in one reply; more are counted, not shown. */
const LIST_MAX = 25;
const SUMMARY_ARTICLES_MAX = 10;

/** What a stored conversation was answered against: a prefix of the library's articles. */
type LibraryStamp = NonNullable<ConversationState['library']>;

/** Answers requests about the articles of one library. */
export class Pilcrow {
  private lib!: Library;
  private answerer!: Answerer;
  /** Each sentence's role in its article's argument, read when the library is built. */
  private argument!: ArgumentMap;
  private discussion!: DiscussionAnswerer;
  private claims!: ClaimChecker;
  /** How each article's author and publication may be named in a question, made on first use. */
  private authorPatterns: { each: Array<RegExp | undefined>; all: RegExp | undefined } | undefined;
  /** Cumulative fingerprints: `[i]` covers articles 0..i, so a conversation survives articles added after it. */
  private fingerprints: string[] = [];
  private readonly store: ConversationStore;
  private readonly channels: ChannelSettingsStore;
  private readonly loadArticle: ArticleLoader | undefined;
  private readonly deleteArticle: ArticleDeleter | undefined;
  private readonly logger: CoreLogger;
  private readonly log: QuestionLogSink | undefined;
  private readonly maxChars: number;
  private readonly followThreads: boolean;
  private summary: Citation[] | undefined;
  private exampleQuestions: string[] | undefined;

  constructor(articles: readonly Article[], options: PilcrowOptions = {}) {
    this.store = options.store ?? new MemoryConversationStore();
    this.channels = options.channels ?? new MemoryChannelSettingsStore();
    this.loadArticle = options.loadArticle;
    this.deleteArticle = options.deleteArticle;
    this.logger = options.logger ?? SILENT;
    this.log = options.log;
    this.maxChars = options.maxQuestionChars ?? DEFAULT_MAX_CHARS;
    this.followThreads = options.followThreads ?? false;
    this.setArticles(articles);
  }

  /** The searchable library; replaced as a whole when articles are added, changed or removed. */
  get library(): Library {
    return this.lib;
  }

  /**
   * Replaces the whole library with `articles` (a new index is built; the old one keeps serving
   * until it is ready). Conversations answered against articles that are unchanged keep their context.
   * @throws Error when `articles` is empty or two share an id.
   */
  setArticles(articles: readonly Article[]): void {
    if (articles.length === 0) throw new Error('Pilcrow: the library needs at least one article.');
    const ids = new Set(articles.map((a) => a.info.id));
    if (ids.size !== articles.length) throw new Error('Pilcrow: two articles share an id; ids are file paths and must be unique.');
    const library = new Library(articles);
    const fingerprints: string[] = [];
    for (const a of articles) {
      const hash = createHash('sha1').update(fingerprints.at(-1) ?? '').update(a.info.id).update('\0');
      for (const p of a.paragraphs) hash.update(p.text).update('\0');
      fingerprints.push(hash.digest('base64url'));
    }
    this.lib = library;
    this.answerer = new Answerer(library);
    this.argument = new ArgumentMap(library);
    this.discussion = new DiscussionAnswerer(library, this.argument, this.answerer);
    this.claims = new ClaimChecker(library, this.answerer, this.argument);
    this.authorPatterns = undefined;
    this.fingerprints = fingerprints;
    this.summary = undefined;
    this.exampleQuestions = undefined;
  }

  /** Adds `article`, or replaces the article with the same id. Returns its info. */
  addArticle(article: Article): ArticleInfo {
    const list = [...this.lib.articles];
    const at = list.findIndex((a) => a.info.id === article.info.id);
    if (at >= 0) list[at] = article;
    else list.push(article);
    this.setArticles(list);
    return article.info;
  }

  /** Removes the article `id`; false when there is none, or it is the last one (a library is never empty). */
  removeArticle(id: string): boolean {
    const list = this.lib.articles.filter((a) => a.info.id !== id);
    if (list.length === this.lib.articles.length || list.length === 0) return false;
    this.setArticles(list);
    return true;
  }

  /** The key sentences, computed on first use (start-up stays an index build). */
  private get keySentences(): Citation[] {
    return (this.summary ??= summarize(this.library, this.argument));
  }

  /** Loads every `*.md` in `dir` (throws ContentError naming the file and fix on bad content). */
  static async fromDirectory(dir: string, options: PilcrowOptions = {}): Promise<Pilcrow> {
    return new Pilcrow(loadArticles(dir), options);
  }

  /** Articles in the library. */
  get articles(): ArticleInfo[] {
    return this.library.articles.map((a) => a.info);
  }

  /** Answers one request. Never throws for user input: bad input gets a reply saying so. */
  handle(request: Request): Promise<Reply> {
    if (request.passive) return this.listen(request);
    // No await of its own: most requests are not in a thread, and a whole answer is ~80 µs.
    return request.thread ? this.dispatchInThread(request) : this.dispatch(request);
  }

  /** A request in a thread: answered, then kept in the thread's record. */
  private async dispatchInThread(request: Request): Promise<Reply> {
    const reply = await this.dispatch(request);
    await this.recordThread(request.conversationId, reply);
    return reply;
  }

  /**
   * A plain message in a thread (follow mode): the reply when the channel is followed, Pilcrow is a
   * member of the thread, the message is a question for it (or a command: recap, check…) and the
   * article answers; otherwise a `silent` reply. Silence is not recorded in the thread's recap.
   */
  private async listen(request: Request): Promise<Reply> {
    const silent = this.reply('silent', {});
    if (request.command.kind !== 'text' || !request.channelId) return silent;
    // The message first, the stores after: most of a thread is chatter, read with no I/O at all.
    const text = this.clean(request.command.text, []);
    const parsed = parseCommand(text);
    const explicit = parsed.kind === 'recap' || parsed.kind === 'check' || parsed.kind === 'discuss';
    if (!explicit && !(parsed.kind === 'ask' && questionForBot(text))) return silent;
    if (!(await this.following(request.channelId))) return silent;
    const state = await this.store.get(request.conversationId);
    if (!state?.thread?.joined) return silent;
    const reply = await this.dispatch({ ...request, passive: false });
    // A "not covered" reply stays for mentions: in a followed thread, only answers speak.
    const speaks = reply.status === 'answered' || (explicit && (parsed.kind !== 'check' || reply.verdict !== 'not-found') && reply.status !== 'invalid');
    if (!speaks) return silent;
    await this.recordThread(request.conversationId, reply);
    return reply;
  }

  /** Whether follow mode is on in `channelId`: the channel's choice, else the deployment's default. */
  private async following(channelId: string): Promise<boolean> {
    return (await this.channels.getFollow(channelId)) ?? this.followThreads;
  }

  /** Stores a conversation's new state; in a thread, the thread's record carries over to it. */
  private saveState(request: Request, state: ConversationState): Promise<void> {
    if (!request.thread || state.thread) return this.store.set(request.conversationId, state);
    return this.store.get(request.conversationId).then((before) => {
      if (before?.thread) state.thread = before.thread;
      return this.store.set(request.conversationId, state);
    });
  }

  /** Keeps what `reply` cited, could not answer or checked in its thread's record; marks Pilcrow a member. */
  private async recordThread(conversationId: string, reply: Reply): Promise<void> {
    if (reply.status === 'silent') return;
    const state: ConversationState = (await this.store.get(conversationId)) ?? { lastTerms: [], lastQuestion: '', ranked: [], shown: [] };
    state.thread = recordReply(state.thread, reply, true);
    await this.store.set(conversationId, state);
  }

  /** The request's answer, before any thread bookkeeping. */
  private async dispatch(request: Request): Promise<Reply> {
    const notices: string[] = [];
    const command = this.command(request.command, notices);
    const named = (command.kind === 'quote' ? command.articleId : undefined) ?? request.articleId;
    // A channel's article is looked up only for a request from a channel (an await less otherwise).
    const scope = this.articleIndex(named ?? (request.channelId ? await this.channelArticle(request) : undefined));
    if (scope === null) {
      return this.reply('invalid', { message: `There is no article "${named}". Say "list" to see them.` });
    }
    const article = this.library.articles[scope ?? 0]!.info;
    const base = { notices, article };
    switch (command.kind) {
      case 'list':
        return this.reply('note', { notices, message: this.listText(scope) });
      case 'use':
        return this.use(command.articleId, request, notices);
      case 'add':
        return this.add(command.source, request, notices);
      case 'remove':
        return this.remove(command.articleId, request, notices);
      case 'help':
        return this.reply('help', { ...base, message: this.helpText(), examples: this.examples() });
      case 'about':
        return this.reply('about', { ...base, message: this.aboutText(scope) });
      case 'summary':
        return this.summaryReply(scope, base);
      case 'quote':
        return this.quote(command.paragraph, scope ?? 0, base);
      case 'search':
        return this.search(command.query, scope, base);
      case 'more': {
        const previous = await this.previous(request.conversationId);
        let outcome = this.answerer.more(previous);
        // Nothing more on the question itself: "go on" reads on from where the last excerpt ended.
        if (outcome.kind === 'no_question' && previous?.lastExcerpt) {
          const next = this.answerer.continuation(previous.lastQuestion, previous);
          if (next.kind === 'answered') outcome = next;
        }
        return this.fromOutcome(outcome, request, base, undefined);
      }
      case 'check':
        return this.check(command.claim, scope, request, base);
      case 'recap': {
        const state = await this.store.get(request.conversationId);
        const i = scope ?? state?.articleIndex ?? 0;
        const a = this.library.articles[i]!;
        return this.reply('note', { notices, article: a.info, message: recapText(state?.thread, a.info, a.paragraphs, this.library.articles.length > 1) });
      }
      case 'discuss':
        return this.startDiscussion(scope, request, base);
      case 'follow':
        return this.follow(command.on, request, notices);
      case 'ask': {
        if (command.question === '') {
          return this.reply('invalid', { ...base, message: 'Ask a question about the article, or say help.' });
        }
        const claim = claimOf(command.question);
        if (claim !== undefined) return this.check(claim, scope, request, base);
        const previous = await this.previous(request.conversationId);
        const discussion = readDiscussionQuestion(this.withAuthorNamed(command.question, scope ?? previous?.articleIndex));
        if (discussion) return this.discuss(discussion, command.question, scope, previous, request, base);
        if (previous && isWhyFollowUp(command.question)) {
          const outcome = this.discussion.why(command.question, previous, scope);
          if (outcome?.kind === 'answered') return this.answered(outcome, request, base, command.question);
        }
        const intent = detectIntent(command.question);
        if (intent) {
          const q = { question: command.question };
          // The article meant: the one chosen, else the one the conversation was about.
          const i = scope ?? previous?.articleIndex;
          const about = i === undefined ? undefined : this.library.articles[i]?.info;
          switch (intent.kind) {
            case 'thanks':
              return this.reply('note', { ...base, ...q, message: THANKS_REPLY });
            case 'not_english': {
              // Unsure (an English word or two in it): the article gets a chance to answer first.
              const outcome = intent.sure ? undefined : this.answerer.answer(command.question, previous, scope);
              if (outcome?.kind === 'answered') return this.fromOutcome(outcome, request, base, command.question);
              return this.reply('note', { ...base, ...q, message: notEnglishLine(intent.language) });
            }
            case 'what_about':
              if (!about) return this.reply('note', { ...base, ...q, message: this.listText(undefined) });
              return this.reply('summary', { ...base, ...q, article: about, message: this.aboutText(i), citations: this.keySentences.filter((c) => c.articleId === about.id) });
            default: {
              if (!about) return this.reply('note', { ...base, ...q, message: `Which article? ${this.listText(undefined)}` });
              // "When was the article published?" with no date in the details may be about an
              // article the text tells of: the text gets a chance first.
              if (!intent.deictic && !hasDetail(intent.kind, about)) {
                const outcome = this.answerer.answer(command.question, previous, scope);
                if (outcome.kind === 'answered') return this.fromOutcome(outcome, request, base, command.question);
              }
              return this.reply('note', { ...base, ...q, article: about, message: detailsLine(intent.kind, about) });
            }
          }
        }
        const outcome = this.answerer.answer(command.question, previous, scope);
        return this.answered(outcome, request, base, command.question);
      }
    }
  }

  /** `text` with the author and publication of the article(s) in scope named "the author". */
  private withAuthorNamed(text: string, scope: number | undefined): string {
    const patterns = (this.authorPatterns ??= {
      each: this.library.articles.map((a) => authorPattern(authorNames(a.info))),
      all: authorPattern(this.library.articles.flatMap((a) => authorNames(a.info))),
    });
    return withAuthorNamed(text, scope === undefined ? patterns.all : patterns.each[scope]);
  }

  /** The reply to a question's outcome, reported to the question log. */
  private async answered(outcome: Outcome, request: Request, base: { notices: string[]; article: ArticleInfo }, question: string): Promise<Reply> {
    const reply = await this.fromOutcome(outcome, request, base, question);
    if (this.log) this.report(() => this.record(request, reply, question));
    return reply;
  }

  /**
   * A discussion question: the argument, the author's view, the evidence… answered from the
   * article's reading; a judgement of the article itself gets what is known about it, no excerpt.
   */
  private async discuss(
    question: DiscussionQuestion,
    text: string,
    scope: number | undefined,
    previous: ConversationState | undefined,
    request: Request,
    base: { notices: string[]; article: ArticleInfo },
  ): Promise<Reply> {
    const i = scope ?? previous?.articleIndex;
    const about = i === undefined ? undefined : this.library.articles[i]?.info;
    if (question.kind === 'judgement') {
      if (!about) return this.reply('note', { ...base, question: text, message: `Which article? ${this.listText(undefined)}` });
      return this.reply('note', { ...base, question: text, article: about, message: judgementLine(about) });
    }
    if (i === undefined && (question.topic === '' || question.kind === 'opening' || question.kind === 'conclusion')) {
      return this.reply('note', { ...base, question: text, message: `Which article? ${this.listText(undefined)}` });
    }
    const outcome = this.discussion.answer(question, text, previous, i);
    return this.answered(outcome, request, base, text);
  }

  /** Opens a discussion: the main argument and key claims with their evidence, each cited, as prompts. */
  private async startDiscussion(scope: number | undefined, request: Request, base: { notices: string[]; article: ArticleInfo }): Promise<Reply> {
    const i = scope ?? (await this.store.get(request.conversationId))?.articleIndex;
    if (i === undefined) return this.reply('note', { ...base, message: `Which article? ${this.listText(undefined)}` });
    const info = this.library.articles[i]!.info;
    const opened = this.discussion.start(i);
    if (!opened) return this.reply('not_covered', { ...base, article: info, message: 'This article makes no argument I can lay out: try "summary".' });
    const n = this.library.articles.length;
    opened.state.library = { articles: n, fingerprint: this.fingerprints[n - 1]! };
    await this.saveState(request, opened.state);
    return this.reply('answered', { ...base, article: info, message: opened.message, citations: opened.citations });
  }

  /** Turns follow mode on or off for the request's channel. */
  private async follow(on: boolean, request: Request, notices: string[]): Promise<Reply> {
    if (!request.channelId) return this.reply('invalid', { notices, message: 'Follow mode is for channels: there is none here.' });
    if ((request.mayAdd ?? 'none') === 'none') return this.reply('invalid', { notices, message: 'You are not allowed to change follow mode here. Ask someone who manages this bot.' });
    await this.channels.setFollow(request.channelId, on);
    return this.reply('note', {
      notices,
      message: on
        ? 'Follow mode is on here: in threads I have answered or been mentioned in, I answer questions about the article without being mentioned, and stay quiet otherwise. Say "follow off" to stop.'
        : 'Follow mode is off here: I answer only when mentioned.',
    });
  }

  /** A claim check: the verdict line, then the deciding excerpts. */
  private async check(claim: string, scope: number | undefined, request: Request, base: { notices: string[]; article: ArticleInfo }): Promise<Reply> {
    const text = claim.trim();
    if (text === '') return this.reply('invalid', { ...base, message: 'Check what? Say "check" and the claim, e.g. "check the article says patents grew".' });
    const result = this.claims.check(text, scope);
    if (result.state) {
      const n = this.library.articles.length;
      result.state.library = { articles: n, fingerprint: this.fingerprints[n - 1]! };
      await this.saveState(request, result.state);
    }
    const first = result.citations[0];
    const article = first ? (this.library.articles.find((a) => a.info.id === first.articleId)?.info ?? base.article) : base.article;
    const reply = this.reply(result.verdict === 'not-found' ? 'not_covered' : 'answered', { ...base, article, question: text, message: result.message, citations: result.citations, verdict: result.verdict });
    if (this.log) this.report(() => this.record(request, reply, text));
    return reply;
  }

  /** The conversation's state, when it was answered against the articles still in the library. */
  private async previous(conversationId: string): Promise<ConversationState | undefined> {
    const state = await this.store.get(conversationId);
    if (!state) return undefined;
    const stamp = state.library;
    if (stamp && this.fingerprints[stamp.articles - 1] !== stamp.fingerprint) return undefined;
    return state;
  }

  /** The channel's current article, when it has one that still exists. */
  private async channelArticle(request: Request): Promise<string | undefined> {
    if (!request.channelId) return undefined;
    const id = await this.channels.getArticle(request.channelId);
    return id !== undefined && this.library.articles.some((a) => a.info.id === id) ? id : undefined;
  }

  private async use(wanted: string, request: Request, notices: string[]): Promise<Reply> {
    const i = this.findArticle(wanted);
    if (i === undefined) return this.reply('invalid', { notices, message: `There is no article "${clip(wanted, 80)}". Say "list" to see them.` });
    const info = this.library.articles[i]!.info;
    if (!request.channelId) return this.reply('invalid', { notices, message: 'Choosing an article is not available here.' });
    await this.channels.setArticle(request.channelId, info.id);
    return this.reply('note', { notices, article: info, message: `This channel now discusses “${info.title}” (${info.id}, ${info.paragraphCount} paragraphs).` });
  }

  private async add(source: ArticleSource, request: Request, notices: string[]): Promise<Reply> {
    const may = request.mayAdd ?? 'none';
    if (!this.loadArticle) return this.reply('invalid', { notices, message: 'Adding articles is not set up for this bot.' });
    if (may === 'none') return this.reply('invalid', { notices, message: 'You are not allowed to add articles here. Ask someone who manages this bot.' });
    if (source.kind === 'path' && may !== 'files') {
      return this.reply('invalid', { notices, message: 'Give a link (http:// or https://) to the article, or attach the file.' });
    }
    let article: Article;
    try {
      article = await this.loadArticle(source, request.userName ?? request.userId);
    } catch (err) {
      if (err instanceof UserFacingError) return this.reply('invalid', { notices, message: err.message });
      this.logger.warn({ event: 'article_add_failed', err }, 'adding an article failed');
      return this.reply('invalid', { notices, message: 'Sorry, that article could not be added because of an error on my side. It has been logged.' });
    }
    const info = this.addArticle(article);
    this.logger.info({ event: 'article_added', id: info.id, paragraphs: info.paragraphCount, by: request.userId }, 'article added');
    const where = request.channelId ? ' It is now the current article here.' : '';
    if (request.channelId) await this.channels.setArticle(request.channelId, info.id);
    return this.reply('note', {
      notices,
      article: info,
      message: `Added “${info.title}” as ${info.id} (${info.paragraphCount} paragraph${info.paragraphCount === 1 ? '' : 's'}).${where}`,
    });
  }

  /** Removes an article added from chat: the same permission as adding; bundled articles stay. */
  private async remove(wanted: string, request: Request, notices: string[]): Promise<Reply> {
    if (!this.deleteArticle) return this.reply('invalid', { notices, message: 'Removing articles is not set up for this bot.' });
    if ((request.mayAdd ?? 'none') === 'none') return this.reply('invalid', { notices, message: 'You are not allowed to remove articles here. Ask someone who manages this bot.' });
    // The id exactly (or ignoring case): a prefix is too loose for deleting.
    const w = wanted.trim().replace(/^["“']|["”']$/g, '');
    const list = this.library.articles;
    const article = list.find((a) => a.info.id === w) ?? list.find((a) => a.info.id.toLowerCase() === w.toLowerCase());
    if (!article) return this.reply('invalid', { notices, message: `There is no article "${clip(w, 80)}". Say "list" to see them (remove needs the exact id).` });
    const { id, title } = article.info;
    if (list.length === 1) return this.reply('invalid', { notices, message: `${id} is the only article; add another before removing it.` });
    let removed: boolean;
    try {
      removed = await this.deleteArticle(id);
    } catch (err) {
      this.logger.warn({ event: 'article_remove_failed', id, err }, 'removing an article failed');
      return this.reply('invalid', { notices, message: 'Sorry, that article could not be removed because of an error on my side. It has been logged.' });
    }
    if (!removed) return this.reply('invalid', { notices, message: `${id} is part of the bundled library every team sees (the content folder), so it cannot be removed from chat. Only articles added from chat can be removed.` });
    this.removeArticle(id);
    this.logger.info({ event: 'article_removed', id, by: request.userId }, 'article removed');
    return this.reply('note', { notices, message: `Removed “${title}” (${id}).` });
  }

  /** An article by id (exact, then ignoring case), or by a title or id that only one article starts with. */
  private findArticle(wanted: string): number | undefined {
    const w = wanted.trim().replace(/^["“']|["”']$/g, '');
    const list = this.library.articles;
    let i = list.findIndex((a) => a.info.id === w);
    if (i < 0) i = list.findIndex((a) => a.info.id.toLowerCase() === w.toLowerCase());
    if (i >= 0) return i;
    const starts = list.flatMap((a, k) => (w.length >= 3 && (a.info.id.toLowerCase().startsWith(w.toLowerCase()) || a.info.title.toLowerCase().startsWith(w.toLowerCase())) ? [k] : []));
    return starts.length === 1 ? starts[0] : undefined;
  }

  /** The articles, one a line, the current one marked. */
  private listText(current: number | undefined): string {
    const list = this.library.articles;
    const lines = list.slice(0, LIST_MAX).map((a, i) => `${i === current ? '▸' : '•'} ${a.info.id} — “${clip(a.info.title, 90)}” (${a.info.paragraphCount} paragraphs)${i === current ? ' — current' : ''}`);
    if (list.length > LIST_MAX) lines.push(`…and ${list.length - LIST_MAX} more.`);
    const head = list.length === 1 ? 'One article:' : `${list.length} articles${current === undefined ? '; none chosen here — say "use <id>" to pick one' : ''}:`;
    return [head, ...lines].join('\n');
  }

  /** One article's key sentences; with several and none chosen, the first key sentence of the first few. */
  private summaryReply(scope: number | undefined, base: { notices: string[]; article: ArticleInfo }): Reply {
    if (scope !== undefined) {
      const id = this.library.articles[scope]!.info.id;
      return this.reply('summary', { ...base, citations: this.keySentences.filter((c) => c.articleId === id) });
    }
    if (this.library.articles.length === 1) return this.reply('summary', { ...base, citations: this.keySentences });
    const seen = new Set<string>();
    const citations = this.keySentences.filter((c) => !seen.has(c.articleId) && seen.add(c.articleId) && seen.size <= SUMMARY_ARTICLES_MAX);
    const more = this.library.articles.length - citations.length;
    const message = `One key sentence from each of ${citations.length} articles${more > 0 ? ` (${more} more not shown)` : ''}. Say "use <id>" to pick an article, then "summary".`;
    return this.reply('summary', { ...base, citations, message });
  }

  /** Records a 👍 / 👎 with the question and citation (to the log). */
  feedback(feedback: Feedback): void {
    this.logger.info(
      {
        event: 'feedback',
        vote: feedback.vote,
        conversationId: feedback.conversationId,
        userId: feedback.userId,
        question: feedback.question?.slice(0, 300),
        citation: feedback.citation,
      },
      `feedback ${feedback.vote === 'up' ? '👍' : '👎'}`,
    );
    this.report(() => this.log?.feedback(feedback, new Date()));
  }

  /** Autocomplete for questions: key sentences of the article matching `typed` (names ≤ 100 chars). */
  suggestQuestions(input: string, limit = 25): Suggestion[] {
    const typed = this.typedPrefix(input);
    const wanted = terms(typed);
    const pool: string[] = [];
    if (typed.trim() !== '') pool.push(typed.trim());
    if (wanted.length === 0) {
      pool.push(...this.keySentences.map((c) => c.excerpt));
    } else {
      const hits = this.library.search(wanted.map((t) => this.library.typed(t)));
      for (const h of hits) {
        const ref = this.library.sentences[h.id]!;
        const p = this.library.paragraphOf(ref);
        const span = p.sentences[ref.sentence]!;
        pool.push(p.text.slice(span.start, span.end));
      }
    }
    const seen = new Set<string>();
    const out: Suggestion[] = [];
    for (const text of pool) {
      const name = clip(text.replace(/\s+/g, ' '), SUGGESTION_MAX);
      if (!name || seen.has(name)) continue;
      seen.add(name);
      out.push({ name, value: name });
      if (out.length >= limit) break;
    }
    return out;
  }

  /** Autocomplete for paragraphs: "¶3 — opening words…" with value "3", filtered by number or words. */
  paragraphChoices(typed: string, limit = 25): Suggestion[] {
    const t = this.typedPrefix(typed).trim().replace(/^¶/, '');
    const wanted = terms(t);
    // Words typed: the paragraphs the index finds for them, in article order; else by number.
    let found: Set<string> | undefined;
    if (wanted.length > 0) {
      const refs = this.library.search(wanted.map((w) => this.library.typed(w))).map((h) => this.library.sentences[h.id]!);
      found = new Set(refs.map((r) => `${r.article}:${r.paragraph}`));
    }
    const out: Suggestion[] = [];
    this.library.articles.forEach((a, ai) => {
      for (const p of a.paragraphs) {
        if (out.length >= limit) return;
        const matches = t === '' || String(p.number).startsWith(t) || found?.has(`${ai}:${p.number - 1}`) === true;
        if (!matches) continue;
        const label = this.library.articles.length > 1 ? `${a.info.id} ¶${p.number}` : `¶${p.number}`;
        out.push({ name: clip(`${label} — ${p.text}`, SUGGESTION_MAX), value: String(p.number) });
      }
    });
    return out;
  }

  /**
   * What autocomplete reads of the typed text: at most MAX_QUESTION_CHARS, and never more than
   * AUTOCOMPLETE_INPUT_MAX (a suggestion is at most 100 characters; analysing 6,000 typed ones
   * on every keystroke would hold up everyone's answers).
   */
  private typedPrefix(typed: string): string {
    return typed.slice(0, Math.min(this.maxChars, AUTOCOMPLETE_INPUT_MAX));
  }

  private command(command: Command, notices: string[]): Exclude<Command, { kind: 'text' }> {
    if (command.kind === 'ask') return { kind: 'ask', question: this.clean(command.question, notices) };
    if (command.kind === 'search') return { kind: 'search', query: this.clean(command.query, notices) };
    if (command.kind === 'check') return { kind: 'check', claim: this.clean(command.claim, notices) };
    if (command.kind !== 'text') return command;
    const text = this.clean(command.text, notices);
    // A bare mention ("@Pilcrow") asks what the bot does.
    if (text === '') return { kind: 'help' };
    const parsed = parseCommand(text);
    return parsed.kind === 'text' ? { kind: 'ask', question: parsed.text } : parsed;
  }

  /** Bounds the length and removes what is not text: control characters, mention syntax. */
  private clean(text: string, notices: string[]): string {
    let t = text;
    if (t.length > this.maxChars) {
      t = t.slice(0, this.maxChars);
      notices.push(`Your message was longer than ${this.maxChars.toLocaleString('en-US')} characters; I read only the first ${this.maxChars.toLocaleString('en-US')}.`);
    }
    return t
      .replace(/<[@#!][^<>\s]{0,80}>/g, ' ') // <@123>, <@U1|name>, <#C1>, <!here>
      .replace(/@(?:everyone|here|channel)\b/gi, ' ')
      .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  }

  private async fromOutcome(
    outcome: Outcome,
    request: Request,
    base: { notices: string[]; article: ArticleInfo },
    question: string | undefined,
  ): Promise<Reply> {
    const q = question === undefined ? {} : { question };
    switch (outcome.kind) {
      case 'greeting':
        return this.reply('help', { ...base, ...q, message: this.helpText(), examples: this.examples() });
      case 'no_question':
        return this.reply('invalid', { ...base, ...q, message: outcome.message });
      case 'not_covered': {
        const reply = this.questionReply('not_covered', base.notices, base.article, question, [], false);
        reply.message = outcome.message;
        return reply;
      }
      case 'answered': {
        const n = this.library.articles.length;
        const stamp: LibraryStamp = { articles: n, fingerprint: this.fingerprints[n - 1]! };
        // The state is the answer's own, made for this reply: stamped in place rather than copied.
        const state: ConversationState = outcome.state;
        state.library = stamp;
        await this.saveState(request, state);
        const first = outcome.citations[0];
        const article = first ? (this.library.articles.find((a) => a.info.id === first.articleId)?.info ?? base.article) : base.article;
        return this.questionReply('answered', base.notices, article, question, outcome.citations, outcome.hasMore);
      }
    }
  }

  /**
   * The reply to a question, answered or refused: `reply`'s fields in its order, built field by
   * field, since spreading the parts cost about 5 % of an answer.
   */
  private questionReply(
    status: 'answered' | 'not_covered',
    notices: string[],
    article: ArticleInfo,
    question: string | undefined,
    citations: Citation[],
    hasMore: boolean,
  ): Reply {
    const reply: Reply = { status, citations, hasMore, notices, article };
    if (question !== undefined) reply.question = question;
    return reply;
  }

  /** Reports an answered or refused question to the log. */
  private record(request: Request, reply: Reply, question: string): void {
    if (reply.status !== 'answered' && reply.status !== 'not_covered') return;
    const parsed = parseQuestion(question).terms;
    const words = parsed.map((t) => t.raw.toLowerCase());
    const absent = parsed.filter((t) => !this.library.has(t.term)).map((t) => t.raw.toLowerCase());
    this.log!.question({
      at: new Date(),
      conversationId: request.conversationId,
      userId: request.userId,
      articleId: reply.article?.id ?? this.library.articles[0]!.info.id,
      status: reply.status,
      question,
      terms: words,
      missing: reply.status === 'not_covered' ? (absent.length > 0 ? absent : words) : [],
      citations: reply.citations.map((c) => ({ articleId: c.articleId, paragraph: c.paragraph, excerpt: c.excerpt })),
    });
  }

  /** Runs a report to the log; a failing log is warned about, never passed on to the asker. */
  private report(write: () => void): void {
    try {
      write();
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'question log: report failed');
    }
  }

  private quote(n: number, articleIndex: number, base: { notices: string[]; article: ArticleInfo }): Reply {
    const article = this.library.articles[articleIndex]!;
    const count = article.paragraphs.length;
    if (!Number.isInteger(n) || n < 1 || n > count) {
      return this.reply('invalid', { ...base, message: `There is no paragraph ${n}: the article has paragraphs 1 to ${count}.` });
    }
    const p = article.paragraphs[n - 1]!;
    return this.reply('quote', { ...base, citations: [makeCitation(this.library, articleIndex, n, 0, p.text.length, new Set())] });
  }

  private search(query: string, scope: number | undefined, base: { notices: string[]; article: ArticleInfo }): Reply {
    const wanted = terms(query);
    if (wanted.length === 0) return this.reply('invalid', { ...base, message: 'Search for what? Give a word or two, e.g. "search patents".' });
    const hits = this.library.search(wanted.map((t) => this.library.typed(t)), scope);
    const docTerms = new Set(hits.flatMap((h) => h.docTerms));
    const seen = new Set<string>();
    const citations: Citation[] = [];
    // One result per paragraph, best first: its best-matching sentence, with its opening words.
    // Only the first SEARCH_RESULTS_MAX are built; the others are counted.
    for (const h of hits) {
      const ref = this.library.sentences[h.id]!;
      const key = `${ref.article}:${ref.paragraph}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (citations.length >= SEARCH_RESULTS_MAX) continue;
      const p = this.library.paragraphOf(ref);
      // The excerpt unit that matched: the sentence, with the neighbour it leans on.
      const first = this.library.sentences[ref.unit.first]!.sentence;
      const last = this.library.sentences[ref.unit.last]!.sentence;
      const c = makeCitation(this.library, ref.article, p.number, p.sentences[first]!.start, p.sentences[last]!.end, docTerms);
      citations.push({ ...c, opening: p.text.slice(0, clipRange(p.text, p.sentences[0]!.end, 90)) });
    }
    if (citations.length === 0) return this.reply('not_covered', { ...base, message: `No paragraph mentions "${clip(query, 60)}".` });
    const total = seen.size;
    const message =
      total > citations.length
        ? `${total.toLocaleString('en-US')} paragraphs match; here are the best ${citations.length}. Add a word to narrow the search.`
        : `${total} paragraph${total === 1 ? '' : 's'} match.`;
    return this.reply('search', { ...base, citations, message });
  }

  private aboutText(scope: number | undefined): string {
    const list = scope === undefined ? this.library.articles : [this.library.articles[scope]!];
    return list
      .map((a) => {
        const i = a.info;
        const parts = [`"${i.title}"`];
        if (i.source) parts.push(`source: ${i.source}`);
        if (i.author) parts.push(`by ${i.author}`);
        if (i.published) parts.push(`published ${i.published}`);
        if (i.url) parts.push(i.url);
        parts.push(`${i.paragraphCount} paragraphs`);
        return parts.join(' — ');
      })
      .join('\n');
  }

  private helpText(): string {
    return (
      'I answer questions about the article with verbatim excerpts, each cited by paragraph (¶N). ' +
      'Ask a question; follow up in the same thread ("why?", "and Europe?"); say "more" for further excerpts, ' +
      '"quote 3" for a whole paragraph, "summary", "search <words>", or "about". ' +
      'Discuss it: "What\u2019s the main argument?", "What does the author think about …?", "check <claim>" to test a claim, ' +
      '"discuss" for the argument and key claims as prompts, "recap" for what a thread has covered. ' +
      'With several articles: "list" shows them, "use <id>" picks this channel\'s article, "quote <id> 3" quotes one, "remove <id>" removes one added from chat.'
    );
  }

  /** Example questions, computed once. */
  private examples(): string[] {
    return (this.exampleQuestions ??= this.buildExamples());
  }

  /** Example questions built from the article's most frequent names (not adjectives like "Chinese"). */
  private buildExamples(): string[] {
    const counts = new Map<string, number>();
    const demonyms = this.library.expansions.demonyms;
    for (const a of this.library.articles)
      for (const p of a.paragraphs)
        for (const m of p.text.matchAll(/(?<=[a-z,;:] )(\p{Lu}[\p{L}]+(?: \p{Lu}[\p{L}]+)*)/gu)) {
          const name = m[1]!.replace(/[’']s$/, '');
          if (terms(name).some((t) => demonyms.has(t))) continue;
          counts.set(name, (counts.get(name) ?? 0) + 1);
        }
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([n]) => n);
    return [...top.map((n) => `What does the article say about ${n}?`), 'summary', 'quote 1'];
  }

  private articleIndex(id: string | undefined): number | undefined | null {
    if (id === undefined) return this.library.articles.length === 1 ? 0 : undefined;
    const i = this.library.articles.findIndex((a) => a.info.id === id);
    return i < 0 ? null : i;
  }

  private reply(status: Reply['status'], parts: Partial<Reply>): Reply {
    return { status, citations: [], hasMore: false, notices: [], ...parts };
  }
}

/** What is known about an article asked to judge itself ("Is this propaganda?"): its details, no excerpt. */
function judgementLine(a: ArticleInfo): string {
  const kind = /\b(?:editorial|opinion|op-?ed|column|commentary|viewpoint|comment)\b/i.test(`${a.title} ${a.source ?? ''}`)
    ? /\beditorial\b/i.test(`${a.title} ${a.source ?? ''}`) ? 'an editorial' : 'an opinion piece'
    : 'an article';
  const details = [`“${a.title}” is ${kind}`];
  if (a.source) details.push(`from ${a.source.replace(/\s*\((?:editorial|opinion|op-?ed|column)\)\s*$/i, '')}`);
  if (a.author) details.push(`by ${a.author}`);
  if (a.published) details.push(`published ${a.published}`);
  const stance = kind === 'an article' ? '' : ' It argues a case, so its claims are its publisher\u2019s view.';
  return `The article doesn't assess itself, so there is nothing in it to quote on that. What is known about it: ${details.join(', ')}.${stance} Say "check" and a claim to test it against the text.`;
}

/**
 * The end offset of the opening words of `text`: the first sentence when it is short, else at
 * most `max` characters ending on a word, never inside a quotation ("The “hybrid").
 */
function clipRange(text: string, firstSentenceEnd: number, max: number): number {
  if (firstSentenceEnd <= max * 1.5) return firstSentenceEnd;
  let end = text.lastIndexOf(' ', max);
  while (end > max / 3) {
    const head = text.slice(0, end);
    const open = (head.match(/[“‘(]/g) ?? []).length;
    const close = (head.match(/[”’)]/g) ?? []).length - (head.match(/\p{L}’\p{L}/gu) ?? []).length;
    if (open <= close && !/[,;:–-]$/.test(head)) return end;
    end = text.lastIndexOf(' ', end - 1);
  }
  return text.lastIndexOf(' ', max) > 0 ? text.lastIndexOf(' ', max) : Math.min(max, text.length);
}

