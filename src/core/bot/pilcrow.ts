/**
 * The core's front door: requests in, replies (plain data) out. Adapters call only this.
 */
import type { Outcome, ParsedQuestion } from '../answer/answerer.js';
import { detailsLine, detectIntent, hasDetail, notEnglishLine, THANKS_REPLY } from '../answer/intents.js';
import { claimOf, isWhyFollowUp, readDiscussionQuestion, type DiscussionQuestion } from '../argument/questions.js';
import { loadArticles, type Article } from '../articles/content.js';
import { MemoryChannelSettingsStore, type ChannelSettingsStore } from '../ports.js';
import type { Library } from '../search/library.js';
import type { ArticleInfo, CoreLogger, Feedback, QuestionLogSink, Reply, Request, Suggestion } from '../types.js';
import { addArticle, removeArticle, setFollow, useArticle, type ArticleDesk } from './article-commands.js';
import { questionRecord } from './question-record.js';
import { AUTOCOMPLETE_INPUT_MAX, paragraphChoices, suggestQuestions } from './autocomplete.js';
import { cleanText, readCommand } from './clean.js';
import { MemoryConversationStore, type ConversationState, type ConversationStore } from './conversation.js';
import { quoteReply, searchReply, summaryReply } from './lookups.js';
import { DEFAULT_MAX_QUESTION_CHARS, type ArticleDeleter, type ArticleLoader, type PilcrowOptions } from './options.js';
import { parseCommand } from './parse-command.js';
import { questionReply, reply as replyOf, type ReplyBase } from './reply.js';
import { Shelf } from './shelf.js';
import { TenantShelves } from './tenant-shelves.js';
import { aboutText, HELP_TEXT, judgementLine, listText } from './texts.js';
import { questionForBot, recapText, recordReply } from './thread.js';

const SILENT: CoreLogger = { info: () => {}, warn: () => {} };

/** Answers requests about the articles of one library. */
export class Pilcrow {
  private current!: Shelf;
  /** The tenants' views of `current`: each sees the shared articles and its own. */
  private readonly tenants = new TenantShelves();
  private readonly store: ConversationStore;
  private readonly channels: ChannelSettingsStore;
  private readonly loadArticle: ArticleLoader | undefined;
  private readonly deleteArticle: ArticleDeleter | undefined;
  private readonly logger: CoreLogger;
  private readonly log: QuestionLogSink | undefined;
  private readonly maxChars: number;
  private readonly followThreads: boolean;
  /** What the article commands (use, add, remove) work with. */
  private readonly desk: ArticleDesk;

  constructor(articles: readonly Article[], options: PilcrowOptions = {}) {
    this.store = options.store ?? new MemoryConversationStore();
    this.channels = options.channels ?? new MemoryChannelSettingsStore();
    this.loadArticle = options.loadArticle;
    this.deleteArticle = options.deleteArticle;
    this.logger = options.logger ?? SILENT;
    this.log = options.log;
    this.maxChars = options.maxQuestionChars ?? DEFAULT_MAX_QUESTION_CHARS;
    this.followThreads = options.followThreads ?? false;
    this.setArticles(articles);
    this.desk = {
      shelf: (tenant) => this.shelfFor(tenant),
      channels: this.channels,
      loadArticle: this.loadArticle,
      deleteArticle: this.deleteArticle,
      logger: this.logger,
      addArticle: (a) => this.addArticle(a),
      removeArticle: (id) => this.removeArticle(id),
    };
  }

  /** The searchable library; replaced as a whole when articles are added, changed or removed. */
  get library(): Library {
    return this.current.library;
  }

  /**
   * Replaces the whole library with `articles` (a new index is built; the old one keeps serving
   * until it is ready). Conversations answered against articles that are unchanged keep their context.
   * @throws Error when `articles` is empty or two share an id.
   */
  setArticles(articles: readonly Article[]): void {
    this.current = new Shelf(articles);
  }

  /** Adds `article`, or replaces the article with the same id. Returns its info. */
  addArticle(article: Article): ArticleInfo {
    const list = [...this.library.articles];
    const at = list.findIndex((a) => a.info.id === article.info.id);
    if (at >= 0) {
      list[at] = article;
      this.setArticles(list);
    } else this.current = this.current.withArticle(article); // Only the new article is indexed.
    return article.info;
  }

  /** Removes the article `id`; false when there is none, or it is the last one (a library is never empty). */
  removeArticle(id: string): boolean {
    const list = this.library.articles.filter((a) => a.info.id !== id);
    if (list.length === this.library.articles.length || list.length === 0) return false;
    this.setArticles(list);
    return true;
  }

  /** The shelf a request of `tenant` is answered from (the whole library when it sees every article); undefined when it sees none. */
  private shelfFor(tenant: string | undefined): Shelf | undefined {
    return this.tenants.shelf(this.current, tenant);
  }

  /** Loads every `*.md` in `dir` (throws ContentError naming the file and fix on bad content). */
  static async fromDirectory(dir: string, options: PilcrowOptions = {}): Promise<Pilcrow> {
    return new Pilcrow(loadArticles(dir), options);
  }

  /** Articles in the library (every tenant's). */
  get articles(): ArticleInfo[] {
    return this.library.articles.map((a) => a.info);
  }

  /** The articles a request of `tenant` sees: the shared ones and its own (all, with no tenant). */
  articlesFor(tenant: string | undefined): ArticleInfo[] {
    return this.shelfFor(tenant)?.library.articles.map((a) => a.info) ?? [];
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
    const silent = replyOf('silent', {});
    if (request.command.kind !== 'text' || !request.channelId) return silent;
    // The message first, the stores after: most of a thread is chatter, read with no I/O at all.
    const text = cleanText(request.command.text, [], this.maxChars);
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
    const command = readCommand(request.command, notices, this.maxChars);
    const shelf = this.shelfFor(request.tenant);
    if (!shelf) {
      // A tenant that sees no article yet (no bundled article, none added): adding one is all there is to do.
      if (command.kind === 'add') return addArticle(this.desk, command.source, request, notices);
      return replyOf('invalid', { notices, message: 'There is no article here yet. Someone who may add articles can say "add <link>".' });
    }
    const named = (command.kind === 'quote' ? command.articleId : undefined) ?? request.articleId;
    // A channel's article is looked up only for a request from a channel (an await less otherwise).
    const articleIndex = shelf.articleIndex(named ?? (request.channelId ? await this.channelArticle(shelf, request) : undefined));
    if (articleIndex === null) {
      return replyOf('invalid', { message: `There is no article "${named}". Say "list" to see them.` });
    }
    const article = shelf.library.articles[articleIndex ?? 0]!.info;
    const base = { notices, article };
    switch (command.kind) {
      case 'list':
        return replyOf('note', { notices, message: listText(shelf.library.articles, articleIndex) });
      case 'use':
        return useArticle(this.desk, command.articleId, request, notices);
      case 'add':
        return addArticle(this.desk, command.source, request, notices);
      case 'remove':
        return removeArticle(this.desk, command.articleId, request, notices);
      case 'help':
        return replyOf('help', { ...base, message: HELP_TEXT, examples: shelf.examples() });
      case 'about':
        return replyOf('about', { ...base, message: aboutText(shelf.library.articles, articleIndex) });
      case 'summary':
        return summaryReply(shelf.library, shelf.keySentences, articleIndex, base);
      case 'quote':
        return quoteReply(shelf.library, command.paragraph, articleIndex ?? 0, base);
      case 'search':
        return searchReply(shelf.library, command.query, articleIndex, base);
      case 'more': {
        const previous = await this.previous(shelf, request.conversationId);
        let outcome = shelf.answerer.more(previous);
        // Nothing more on the question itself: "go on" reads on from where the last excerpt ended.
        if (outcome.kind === 'no_question' && previous?.lastExcerpt) {
          const next = shelf.answerer.continuation(previous.lastQuestion, previous);
          if (next.kind === 'answered') outcome = next;
        }
        return this.fromOutcome(shelf, outcome, request, base, undefined);
      }
      case 'check':
        return this.check(shelf, command.claim, articleIndex, request, base);
      case 'recap': {
        const state = await this.store.get(request.conversationId);
        const i = articleIndex ?? state?.articleIndex ?? 0;
        const a = shelf.library.articles[i]!;
        return replyOf('note', { notices, article: a.info, message: recapText(state?.thread, a.info, a.paragraphs, shelf.library.articles.length > 1) });
      }
      case 'discuss':
        return this.startDiscussion(shelf, articleIndex, request, base);
      case 'follow':
        return setFollow(this.desk, command.on, request, notices);
      case 'ask': {
        if (command.question === '') {
          return replyOf('invalid', { ...base, message: 'Ask a question about the article, or say help.' });
        }
        const claim = claimOf(command.question);
        if (claim !== undefined) return this.check(shelf, claim, articleIndex, request, base);
        const previous = await this.previous(shelf, request.conversationId);
        const discussion = readDiscussionQuestion(shelf.withAuthorNamed(command.question, articleIndex ?? previous?.articleIndex));
        if (discussion) return this.discuss(shelf, discussion, command.question, articleIndex, previous, request, base);
        if (previous && isWhyFollowUp(command.question)) {
          const outcome = shelf.discussion.why(command.question, previous, articleIndex);
          if (outcome?.kind === 'answered') return this.answered(shelf, outcome, request, base, command.question);
        }
        const intent = detectIntent(command.question);
        if (intent) {
          const q = { question: command.question };
          // The article meant: the one chosen, else the one the conversation was about.
          const i = articleIndex ?? previous?.articleIndex;
          const about = i === undefined ? undefined : shelf.library.articles[i]?.info;
          switch (intent.kind) {
            case 'thanks':
              return replyOf('note', { ...base, ...q, message: THANKS_REPLY });
            case 'not_english': {
              // Unsure (an English word or two in it): the article gets a chance to answer first.
              const outcome = intent.sure ? undefined : shelf.answerer.answer(command.question, previous, articleIndex);
              if (outcome?.kind === 'answered') return this.fromOutcome(shelf, outcome, request, base, command.question);
              return replyOf('note', { ...base, ...q, message: notEnglishLine(intent.language) });
            }
            case 'what_about':
              if (!about) return replyOf('note', { ...base, ...q, message: listText(shelf.library.articles, undefined) });
              return replyOf('summary', {
                ...base,
                ...q,
                article: about,
                message: aboutText(shelf.library.articles, i),
                citations: shelf.keySentences.filter((c) => c.articleId === about.id),
              });
            default: {
              if (!about) return replyOf('note', { ...base, ...q, message: `Which article? ${listText(shelf.library.articles, undefined)}` });
              // "When was the article published?" with no date in the details may be about an
              // article the text tells of: the text gets a chance first.
              if (!intent.deictic && !hasDetail(intent.kind, about)) {
                const outcome = shelf.answerer.answer(command.question, previous, articleIndex);
                if (outcome.kind === 'answered') return this.fromOutcome(shelf, outcome, request, base, command.question);
              }
              return replyOf('note', { ...base, ...q, article: about, message: detailsLine(intent.kind, about) });
            }
          }
        }
        const outcome = shelf.answerer.answer(command.question, previous, articleIndex);
        return this.answered(shelf, outcome, request, base, command.question);
      }
    }
  }

  /** The reply to a question's outcome, reported to the question log. */
  private async answered(shelf: Shelf, outcome: Outcome, request: Request, base: ReplyBase, question: string): Promise<Reply> {
    const reply = await this.fromOutcome(shelf, outcome, request, base, question);
    const parsed = outcome.kind === 'answered' || outcome.kind === 'not_covered' ? outcome.parsed : undefined;
    if (this.log) this.report(() => this.record(shelf, request, reply, question, parsed));
    return reply;
  }

  /**
   * A discussion question: the argument, the author's view, the evidence… answered from the
   * article's reading; a judgement of the article itself gets what is known about it, no excerpt.
   */
  private async discuss(
    shelf: Shelf,
    question: DiscussionQuestion,
    text: string,
    articleIndex: number | undefined,
    previous: ConversationState | undefined,
    request: Request,
    base: ReplyBase,
  ): Promise<Reply> {
    const i = articleIndex ?? previous?.articleIndex;
    const about = i === undefined ? undefined : shelf.library.articles[i]?.info;
    if (question.kind === 'judgement') {
      if (!about) return replyOf('note', { ...base, question: text, message: `Which article? ${listText(shelf.library.articles, undefined)}` });
      return replyOf('note', { ...base, question: text, article: about, message: judgementLine(about) });
    }
    if (i === undefined && (question.topic === '' || question.kind === 'opening' || question.kind === 'conclusion')) {
      return replyOf('note', { ...base, question: text, message: `Which article? ${listText(shelf.library.articles, undefined)}` });
    }
    const outcome = shelf.discussion.answer(question, text, previous, i);
    return this.answered(shelf, outcome, request, base, text);
  }

  /** Opens a discussion: the main argument and key claims with their evidence, each cited, as prompts. */
  private async startDiscussion(shelf: Shelf, articleIndex: number | undefined, request: Request, base: ReplyBase): Promise<Reply> {
    const i = articleIndex ?? (await this.store.get(request.conversationId))?.articleIndex;
    if (i === undefined) return replyOf('note', { ...base, message: `Which article? ${listText(shelf.library.articles, undefined)}` });
    const info = shelf.library.articles[i]!.info;
    const opened = shelf.discussion.start(i);
    if (!opened) return replyOf('not_covered', { ...base, article: info, message: 'This article makes no argument I can lay out: try "summary".' });
    opened.state.library = shelf.stamp();
    await this.saveState(request, opened.state);
    return replyOf('answered', { ...base, article: info, message: opened.message, citations: opened.citations });
  }

  /** A claim check: the verdict line, then the deciding excerpts. */
  private async check(shelf: Shelf, claim: string, articleIndex: number | undefined, request: Request, base: ReplyBase): Promise<Reply> {
    const text = claim.trim();
    if (text === '') return replyOf('invalid', { ...base, message: 'Check what? Say "check" and the claim, e.g. "check the article says patents grew".' });
    const result = shelf.claims.check(text, articleIndex);
    if (result.state) {
      result.state.library = shelf.stamp();
      await this.saveState(request, result.state);
    }
    const first = result.citations[0];
    const article = first ? (shelf.library.articles.find((a) => a.info.id === first.articleId)?.info ?? base.article) : base.article;
    const reply = replyOf(result.verdict === 'not-found' ? 'not_covered' : 'answered', {
      ...base,
      article,
      question: text,
      message: result.message,
      citations: result.citations,
      verdict: result.verdict,
    });
    if (this.log) this.report(() => this.record(shelf, request, reply, text, undefined));
    return reply;
  }

  /** The conversation's state, when it was answered against the articles still in the library. */
  private async previous(shelf: Shelf, conversationId: string): Promise<ConversationState | undefined> {
    const state = await this.store.get(conversationId);
    if (!state) return undefined;
    return shelf.holds(state.library) ? state : undefined;
  }

  /** The channel's current article, when it has one that still exists. */
  private async channelArticle(shelf: Shelf, request: Request): Promise<string | undefined> {
    if (!request.channelId) return undefined;
    const id = await this.channels.getArticle(request.channelId);
    return id !== undefined && shelf.library.articles.some((a) => a.info.id === id) ? id : undefined;
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

  /**
   * What autocomplete reads of the typed text: at most MAX_QUESTION_CHARS, and never more than
   * AUTOCOMPLETE_INPUT_MAX (a suggestion is at most 100 characters; analysing 6,000 typed ones
   * on every keystroke would hold up everyone's answers).
   */
  private typedPrefix(typed: string): string {
    return typed.slice(0, Math.min(this.maxChars, AUTOCOMPLETE_INPUT_MAX));
  }

  /** Autocomplete for questions: key sentences of the article matching what is typed (names ≤ 100 chars). */
  suggestQuestions(typed: string, limit = 25, tenant?: string): Suggestion[] {
    const shelf = this.shelfFor(tenant);
    return shelf ? suggestQuestions(shelf.library, () => shelf.keySentences, this.typedPrefix(typed), limit) : [];
  }

  /** Autocomplete for paragraphs: "¶3 — opening words…" with value "3", filtered by number or words. */
  paragraphChoices(typed: string, limit = 25, tenant?: string): Suggestion[] {
    const shelf = this.shelfFor(tenant);
    return shelf ? paragraphChoices(shelf.library, this.typedPrefix(typed), limit) : [];
  }

  private async fromOutcome(shelf: Shelf, outcome: Outcome, request: Request, base: ReplyBase, question: string | undefined): Promise<Reply> {
    const q = question === undefined ? {} : { question };
    switch (outcome.kind) {
      case 'greeting':
        return replyOf('help', { ...base, ...q, message: HELP_TEXT, examples: shelf.examples() });
      case 'no_question':
        return replyOf('invalid', { ...base, ...q, message: outcome.message });
      case 'not_covered': {
        const reply = questionReply('not_covered', base.notices, base.article, question, [], false);
        reply.message = outcome.message;
        return reply;
      }
      case 'answered': {
        // The state is the answer's own, made for this reply: stamped in place rather than copied.
        const state: ConversationState = outcome.state;
        state.library = shelf.stamp();
        await this.saveState(request, state);
        const first = outcome.citations[0];
        const article = first ? (shelf.library.articles.find((a) => a.info.id === first.articleId)?.info ?? base.article) : base.article;
        return questionReply('answered', base.notices, article, question, outcome.citations, outcome.hasMore);
      }
    }
  }

  /** Reports an answered or refused question to the log, with its reading when the answer made one. */
  private record(shelf: Shelf, request: Request, reply: Reply, question: string, parsed: ParsedQuestion | undefined): void {
    const entry = questionRecord(shelf.library, request, reply, question, parsed);
    if (entry) this.log!.question(entry);
  }

  /** Runs a report to the log; a failing log is warned about, never passed on to the asker. */
  private report(write: () => void): void {
    try {
      write();
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'question log: report failed');
    }
  }
}
