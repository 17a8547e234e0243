/**
 * Button custom ids. Buttons carry everything their click needs (the conversation, the paragraph),
 * so they keep working after a restart and the adapter holds no per-message state.
 *
 * Format: `pc|<action>|…` with `|` between fields; article ids are URI-encoded. Discord allows
 * 100 characters, so an article id that would not fit is left out (the core then uses its default
 * article, which is the only one in a one-article library).
 */
const PREFIX = 'pc';
const MAX = 100;

/** A decoded button click. */
export type ButtonAction =
  | { action: 'more'; conversationId: string }
  | { action: 'paragraph'; paragraph: number; articleId?: string }
  | { action: 'vote'; vote: 'up' | 'down'; conversationId: string; paragraph?: number; articleId?: string };

const fit = (full: string, withoutArticle: string) => (full.length <= MAX ? full : withoutArticle);

/** Builders for the custom ids of Pilcrow's buttons. */
export const customIds = {
  more: (conversationId: string) => `${PREFIX}|more|${conversationId}`,
  paragraph: (paragraph: number, articleId?: string) =>
    fit(`${PREFIX}|para|${paragraph}|${articleId ? encodeURIComponent(articleId) : ''}`, `${PREFIX}|para|${paragraph}|`),
  vote: (vote: 'up' | 'down', conversationId: string, paragraph?: number, articleId?: string) =>
    fit(
      `${PREFIX}|vote|${vote}|${paragraph ?? ''}|${articleId ? encodeURIComponent(articleId) : ''}|${conversationId}`,
      `${PREFIX}|vote|${vote}|${paragraph ?? ''}||${conversationId}`,
    ),
};

/** Decodes a custom id made by `customIds`; `undefined` for anything else (another app's, or stale). */
export function parseCustomId(id: string): ButtonAction | undefined {
  const parts = id.split('|');
  if (parts[0] !== PREFIX) return undefined;
  const decode = (s: string | undefined) => {
    if (!s) return undefined;
    try {
      return decodeURIComponent(s);
    } catch {
      return undefined;
    }
  };
  const number = (s: string | undefined) => (s && /^\d+$/.test(s) ? Number(s) : undefined);
  switch (parts[1]) {
    case 'more': {
      const conversationId = parts.slice(2).join('|');
      return conversationId ? { action: 'more', conversationId } : undefined;
    }
    case 'para': {
      const paragraph = number(parts[2]);
      if (paragraph === undefined) return undefined;
      const articleId = decode(parts[3]);
      return { action: 'paragraph', paragraph, ...(articleId ? { articleId } : {}) };
    }
    case 'vote': {
      const vote = parts[2];
      const conversationId = parts.slice(5).join('|');
      if ((vote !== 'up' && vote !== 'down') || !conversationId) return undefined;
      const paragraph = number(parts[3]);
      const articleId = decode(parts[4]);
      return {
        action: 'vote',
        vote,
        conversationId,
        ...(paragraph !== undefined ? { paragraph } : {}),
        ...(articleId ? { articleId } : {}),
      };
    }
    default:
      return undefined;
  }
}
