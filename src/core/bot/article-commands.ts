/** The commands that change which articles there are, or how a channel discusses them: use, add, remove, follow. */
import type { Article } from '../articles/content.js';
import { UserFacingError } from '../errors.js';
import type { ChannelSettingsStore } from '../ports.js';
import { clip } from '../text/clip.js';
import type { ArticleInfo, ArticleSource, CoreLogger, Reply, Request } from '../types.js';
import type { ArticleDeleter, ArticleLoader } from './options.js';
import { reply } from './reply.js';
import type { Shelf } from './shelf.js';

/** What the article commands work with: the current shelf, the stores, and the library's changes. */
export interface ArticleDesk {
  /** The shelf a request of `tenant` sees; undefined when it sees no article. */
  shelf(tenant: string | undefined): Shelf | undefined;
  readonly channels: ChannelSettingsStore;
  readonly loadArticle: ArticleLoader | undefined;
  readonly deleteArticle: ArticleDeleter | undefined;
  readonly logger: CoreLogger;
  addArticle(article: Article): ArticleInfo;
  removeArticle(id: string): boolean;
}

/** `use <id>`: binds the request's channel to an article. */
export async function useArticle(desk: ArticleDesk, wanted: string, request: Request, notices: string[]): Promise<Reply> {
  const shelf = desk.shelf(request.tenant);
  const i = shelf?.findArticle(wanted);
  if (!shelf || i === undefined) return reply('invalid', { notices, message: `There is no article "${clip(wanted, 80)}". Say "list" to see them.` });
  const info = shelf.library.articles[i]!.info;
  if (!request.channelId) return reply('invalid', { notices, message: 'Choosing an article is not available here.' });
  await desk.channels.setArticle(request.channelId, info.id);
  return reply('note', { notices, article: info, message: `This channel now discusses “${info.title}” (${info.id}, ${info.paragraphCount} paragraphs).` });
}

/** `add <link>` or an attachment: loads the article, adds it to the library and makes it the channel's. */
export async function addArticle(desk: ArticleDesk, source: ArticleSource, request: Request, notices: string[]): Promise<Reply> {
  const may = request.mayAdd ?? 'none';
  if (!desk.loadArticle) return reply('invalid', { notices, message: 'Adding articles is not set up for this bot.' });
  if (may === 'none') return reply('invalid', { notices, message: 'You are not allowed to add articles here. Ask someone who manages this bot.' });
  if (source.kind === 'path' && may !== 'files') {
    return reply('invalid', { notices, message: 'Give a link (http:// or https://) to the article, or attach the file.' });
  }
  let article: Article;
  try {
    article = await desk.loadArticle(source, request.userName ?? request.userId, request.tenant);
  } catch (err) {
    if (err instanceof UserFacingError) return reply('invalid', { notices, message: err.message });
    desk.logger.warn({ event: 'article_add_failed', err }, 'adding an article failed');
    return reply('invalid', { notices, message: 'Sorry, that article could not be added because of an error on my side. It has been logged.' });
  }
  const info = desk.addArticle(article);
  desk.logger.info({ event: 'article_added', id: info.id, paragraphs: info.paragraphCount, by: request.userId }, 'article added');
  const where = request.channelId ? ' It is now the current article here.' : '';
  if (request.channelId) await desk.channels.setArticle(request.channelId, info.id);
  return reply('note', {
    notices,
    article: info,
    message: `Added “${info.title}” as ${info.id} (${info.paragraphCount} paragraph${info.paragraphCount === 1 ? '' : 's'}).${where}`,
  });
}

/** Removes an article added from chat: the same permission as adding; bundled articles stay. */
export async function removeArticle(desk: ArticleDesk, wanted: string, request: Request, notices: string[]): Promise<Reply> {
  if (!desk.deleteArticle) return reply('invalid', { notices, message: 'Removing articles is not set up for this bot.' });
  if ((request.mayAdd ?? 'none') === 'none')
    return reply('invalid', { notices, message: 'You are not allowed to remove articles here. Ask someone who manages this bot.' });
  // The id exactly (or ignoring case): a prefix is too loose for deleting.
  const w = wanted.trim().replace(/^["“']|["”']$/g, '');
  // Only the articles this tenant sees: another tenant's is "no article", as in list.
  const list = desk.shelf(request.tenant)?.library.articles ?? [];
  const article = list.find((a) => a.info.id === w) ?? list.find((a) => a.info.id.toLowerCase() === w.toLowerCase());
  if (!article) return reply('invalid', { notices, message: `There is no article "${clip(w, 80)}". Say "list" to see them (remove needs the exact id).` });
  const { id, title } = article.info;
  if (list.length === 1) return reply('invalid', { notices, message: `${id} is the only article; add another before removing it.` });
  let removed: boolean;
  try {
    removed = await desk.deleteArticle(id);
  } catch (err) {
    desk.logger.warn({ event: 'article_remove_failed', id, err }, 'removing an article failed');
    return reply('invalid', { notices, message: 'Sorry, that article could not be removed because of an error on my side. It has been logged.' });
  }
  if (!removed)
    return reply('invalid', {
      notices,
      message: `${id} is part of the bundled library every team sees (the content folder), so it cannot be removed from chat. Only articles added from chat can be removed.`,
    });
  desk.removeArticle(id);
  desk.logger.info({ event: 'article_removed', id, by: request.userId }, 'article removed');
  return reply('note', { notices, message: `Removed “${title}” (${id}).` });
}

/** Turns follow mode on or off for the request's channel. */
export async function setFollow(desk: ArticleDesk, on: boolean, request: Request, notices: string[]): Promise<Reply> {
  if (!request.channelId) return reply('invalid', { notices, message: 'Follow mode is for channels: there is none here.' });
  if ((request.mayAdd ?? 'none') === 'none')
    return reply('invalid', { notices, message: 'You are not allowed to change follow mode here. Ask someone who manages this bot.' });
  await desk.channels.setFollow(request.channelId, on);
  return reply('note', {
    notices,
    message: on
      ? 'Follow mode is on here: in threads I have answered or been mentioned in, I answer questions about the article without being mentioned, and stay quiet otherwise. Say "follow off" to stop.'
      : 'Follow mode is off here: I answer only when mentioned.',
  });
}
