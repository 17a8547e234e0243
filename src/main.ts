/**
 * `npm start`: loads the configuration and the articles, then starts the configured adapters
 * (Discord when DISCORD_TOKEN is set, Slack when SLACK_BOT_TOKEN is set); with none, the
 * terminal chat. Bad configuration or content stops start-up with one line and exit code 1.
 */
import { join } from 'node:path';
import { parseCli, UsageError } from './cli/args.js';
import { ConfigError, loadConfig, readEnvironment, type Config } from './config.js';
import type { Adapter } from './core/adapter.js';
import { ContentError } from './core/content.js';
import { Pilcrow } from './core/pilcrow.js';
import { createArticleLoader, DEFAULT_LIMITS } from './ingest/index.js';
import { watchContent } from './ingest/watch.js';
import { createLogger, type Logger } from './logger.js';
import { FileChannelSettingsStore } from './store/channel-settings.js';

/** Each channel's current article, kept beside the articles (a dotfile: the loader skips it). */
const CHANNELS_FILE = '.pilcrow-channels.json';

const USAGE = `Usage: npm start -- [options]

Starts Pilcrow: Discord when DISCORD_TOKEN is set, Slack when SLACK_BOT_TOKEN is set, else the
terminal chat. Settings come from the environment or .env (see .env.example).

Options:
  --content DIR   the folder of articles (overrides CONTENT_DIR; default ./content)
  -h, --help      show this help`;

async function main(): Promise<void> {
  const { values } = parseCli(USAGE, { content: { type: 'string' } });
  const env = readEnvironment();
  const config = loadConfig(values.content === undefined ? env : { ...env, CONTENT_DIR: values.content });
  const logger = createLogger(config.logLevel ?? (config.discord || config.slack ? 'info' : 'warn'));
  const loadArticle = createArticleLoader({ contentDir: config.contentDir, limits: { ...DEFAULT_LIMITS, ...config.ingest } });
  const channels = new FileChannelSettingsStore(join(config.contentDir, CHANNELS_FILE), (message) => logger.warn({ event: 'channel_settings' }, message));
  const bot = await Pilcrow.fromDirectory(config.contentDir, { logger, maxQuestionChars: config.maxQuestionChars, channels, loadArticle });
  logger.info({ articles: bot.articles.map((a) => ({ id: a.id, paragraphs: a.paragraphCount })) }, 'library loaded');
  const watcher = watchContent(config.contentDir, bot, { logger });

  const adapters = await platformAdapters(config, bot, logger);
  if (adapters.length === 0) {
    const { createConsoleAdapter } = await import('./adapters/console/index.js');
    adapters.push(createConsoleAdapter({ bot, onClose: () => void shutdown(0) }));
  }

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    watcher.close();
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
async function platformAdapters(config: Config, bot: Pilcrow, logger: Logger): Promise<Adapter[]> {
  const out: Adapter[] = [];
  const rateLimitPerMinute = config.rateLimitPerMinute;
  if (config.discord) {
    const { createDiscordAdapter } = await import('./adapters/discord/index.js');
    out.push(createDiscordAdapter({ config: config.discord, bot, logger: logger.child({ adapter: 'discord' }), rateLimitPerMinute }));
  }
  if (config.slack) {
    const { createSlackAdapter } = await import('./adapters/slack/index.js');
    out.push(createSlackAdapter({ config: config.slack, bot, logger: logger.child({ adapter: 'slack' }), rateLimitPerMinute }));
  }
  return out;
}

main().catch((err: unknown) => {
  if (err instanceof UsageError) {
    console.error(err.message);
    process.exit(2);
  }
  if (err instanceof ConfigError || err instanceof ContentError) {
    console.error(err.message);
  } else {
    console.error(`pilcrow: could not start: ${err instanceof Error ? err.message : String(err)}`);
  }
  process.exit(1);
});
