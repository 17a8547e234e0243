/** Building replies: the plain data every request gets back. */
import type { ArticleInfo, Reply } from '../types.js';

/** What every reply to a request about an article carries: the notices so far and the article. */
export interface ReplyBase {
  notices: string[];
  article: ArticleInfo;
}

/** A reply of `status` with `parts`; no citations, no more, no notices unless given. */
export function reply(status: Reply['status'], parts: Partial<Reply>): Reply {
  return { status, citations: [], hasMore: false, notices: [], ...parts };
}
