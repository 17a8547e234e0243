/** Start-up of the question log from the configuration. Used by `src/main.ts` and `npm run insights`. */
import type { Config } from '../runtime/config.js';
import type { CoreLogger } from '../core/types.js';
import { insightsSource, type InsightsSource } from './question-log.js';
import { SqlQuestionLog } from './sql/question-log.js';
import type { LogLocation } from './sql/connect.js';

/** Where the configuration puts the log. */
export function logLocation(config: Config): LogLocation {
  return config.questionLog.databaseUrl ? { kind: 'postgres', url: config.questionLog.databaseUrl } : { kind: 'sqlite', file: config.questionLog.sqliteFile };
}

/** The insights page's address: INSIGHTS_URL, else on this machine's HEALTH_PORT. */
export function pageUrl(config: Config): string | undefined {
  if (!config.insights) return undefined;
  if (config.insights.url) return config.insights.url;
  return config.healthPort ? `http://localhost:${config.healthPort}/insights` : undefined;
}

/**
 * Opens the log. When the database cannot be opened the bot still answers, without a log: the
 * failure is logged with what to check.
 */
export async function openQuestionLog(
  config: Config,
  logger: CoreLogger & { error(o: object, m?: string): void },
): Promise<{ log: SqlQuestionLog; source: InsightsSource } | undefined> {
  try {
    const log = await SqlQuestionLog.open({
      location: logLocation(config),
      storeQuestions: config.questionLog.storeQuestions,
      retainDays: config.questionLog.retainDays,
      spoolFile: config.questionLog.spoolFile,
      logger,
    });
    return { log, source: insightsSource(log, pageUrl(config)) };
  } catch (error) {
    const where = config.questionLog.databaseUrl ? 'DATABASE_URL' : `DATA_DIR (${config.questionLog.sqliteFile})`;
    logger.error({ err: error instanceof Error ? error.message : String(error) }, `question log unavailable: check ${where}; answering without a log`);
    return undefined;
  }
}
