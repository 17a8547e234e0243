/**
 * `npm start`: loads the configuration and the articles, then starts the configured adapters
 * (Discord when DISCORD_TOKEN is set, Slack when SLACK_BOT_TOKEN is set); with none, the
 * terminal chat. Bad configuration or content stops start-up with one line and exit code 1.
 */
import { ConfigError, loadConfig, type Config } from './config.js';
import type { Adapter } from './core/adapter.js';
import { ContentError } from './core/content.js';
import { Pilcrow } from './core/pilcrow.js';
import { createLogger, type Logger } from './logger.js';
import { FATAL_EXIT_CODE, installProcessGuard } from './process-guard.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel ?? (config.discord || config.slack ? 'info' : 'warn'));
  // An error escaping one handler is logged; the process keeps serving everything else.
  installProcessGuard(logger);
  const bot = await Pilcrow.fromDirectory(config.contentDir, { logger, maxQuestionChars: config.maxQuestionChars });
  logger.info({ articles: bot.articles.map((a) => ({ id: a.id, paragraphs: a.paragraphCount })) }, 'library loaded');

  // A platform dead for good (revoked token, refused intents): one line, then a non-zero exit.
  const onFatal = (cause: string) => {
    console.error(`pilcrow: ${cause}`);
    void shutdown(FATAL_EXIT_CODE);
  };
  const adapters = await platformAdapters(config, bot, logger, onFatal);
  if (adapters.length === 0) {
    const { createConsoleAdapter } = await import('./adapters/console/index.js');
    adapters.push(createConsoleAdapter({ bot, onClose: () => void shutdown(0) }));
  }

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.allSettled(adapters.map((a) => a.stop()));
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  for (const adapter of adapters) {
    await adapter.start();
    if (adapter.name !== 'console') logger.info({ adapter: adapter.name }, 'adapter started');
  }
}

/** The platform adapters the configuration asks for, loaded only when configured. */
async function platformAdapters(config: Config, bot: Pilcrow, logger: Logger, onFatal: (cause: string) => void): Promise<Adapter[]> {
  const out: Adapter[] = [];
  const rateLimitPerMinute = config.rateLimitPerMinute;
  if (config.discord) {
    const { createDiscordAdapter } = await import('./adapters/discord/index.js');
    out.push(createDiscordAdapter({ config: config.discord, bot, logger: logger.child({ adapter: 'discord' }), rateLimitPerMinute, onFatal, replyDeadlineMs: config.replyDeadlineMs, maxPending: config.maxPending }));
  }
  if (config.slack) {
    const { createSlackAdapter } = await import('./adapters/slack/index.js');
    out.push(createSlackAdapter({ config: config.slack, bot, logger: logger.child({ adapter: 'slack' }), rateLimitPerMinute, replyDeadlineMs: config.replyDeadlineMs, maxPending: config.maxPending }));
  }
  return out;
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof ContentError) {
    console.error(err.message);
  } else {
    console.error(`pilcrow: could not start: ${err instanceof Error ? err.message : String(err)}`);
  }
  process.exit(1);
});
