/** What the question log is told of a question: its words, what the library lacks of them, what was cited. */
import { parseQuestion, type ParsedQuestion } from '../answer/answerer.js';
import type { Library } from '../search/library.js';
import type { QuestionEvent, Reply, Request } from '../types.js';

/**
 * The log's record of an answered or refused question (undefined for any other reply). `parsed`
 * is the reading the answer made, when it made one: the question is then not read a second time.
 */
export function questionRecord(
  library: Library,
  request: Request,
  reply: Reply,
  question: string,
  parsed: ParsedQuestion | undefined,
): QuestionEvent | undefined {
  if (reply.status !== 'answered' && reply.status !== 'not_covered') return undefined;
  const terms = (parsed ?? parseQuestion(question)).terms;
  const words = terms.map((t) => t.raw.toLowerCase());
  const absent = terms.filter((t) => !library.has(t.term)).map((t) => t.raw.toLowerCase());
  return {
    at: new Date(),
    ...(request.tenant === undefined ? {} : { tenant: request.tenant }),
    conversationId: request.conversationId,
    userId: request.userId,
    articleId: reply.article?.id ?? library.articles[0]!.info.id,
    status: reply.status,
    question,
    terms: words,
    missing: reply.status === 'not_covered' ? (absent.length > 0 ? absent : words) : [],
    citations: reply.citations.map((c) => ({ articleId: c.articleId, paragraph: c.paragraph, excerpt: c.excerpt })),
  };
}
