/** The insights handler for a configuration, mounted by `src/main.ts` on the HTTP route table. */
import type { Config } from '../runtime/config.js';
import type { Pilcrow } from '../core/bot/pilcrow.js';
import type { CoreLogger } from '../core/types.js';
import { gapJudge, heldBy } from '../store/gap-kinds.js';
import type { QuestionLog } from '../store/question-log.js';
import { createInsightsHandler, type RequestHandler } from './insights.js';

/** The insights routes for this configuration; undefined without INSIGHTS_TOKEN (no page at all). */
export function insightsHandlerFor(
  config: Config,
  bot: Pilcrow,
  log: Pick<QuestionLog, 'insights'> & Partial<Pick<QuestionLog, 'tenants'>>,
  logger: CoreLogger,
): RequestHandler | undefined {
  if (!config.insights) return undefined;
  return createInsightsHandler({
    token: config.insights.token,
    log,
    articles: bot.library.articles.map((a) => ({ info: a.info, paragraphs: a.paragraphs })),
    retainDays: config.questionLog.retainDays,
    judge: () => gapJudge(heldBy((term) => bot.library.has(term))),
    ...(config.insights.url ? { publicUrl: config.insights.url } : {}),
    ...(config.trustProxy ? { trustProxy: true } : {}),
    onError: (error) => logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'insights: reading the log failed'),
  });
}
