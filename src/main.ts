/**
 * `npm start`: loads the configuration and the articles, then starts the configured adapters
 * (Discord when DISCORD_TOKEN is set, Slack when SLACK_BOT_TOKEN or SLACK_CLIENT_ID is set); with none, the
 * terminal chat. Bad configuration or content stops start-up with one line: exit code 2 for a bad
 * setting or a refused token (as when a token is revoked mid-session), 1 for bad content.
 * SIGTERM / SIGINT shut down gracefully (see `shutdown.ts`). With DISCORD_SHARDING=process this
 * process is the shard supervisor, and each shard process it starts runs this file again.
 */
import { parseCli, UsageError } from './runtime/args.js';
import { CONFIG_EXIT_CODE, ConfigError, CredentialError, loadConfig, readEnvironment, type Config, type ReaderConfig } from './runtime/config.js';
import type { Adapter } from './adapters/adapter.js';
import { ContentError } from './core/articles/content.js';
import { Pilcrow } from './core/bot/pilcrow.js';
import { addHealthRoutes, Readiness } from './http/health.js';
import { RouteTable } from './http/routes.js';
import { createHttpServer, type HttpServer } from './http/server.js';
import { createArticleLoader, DEFAULT_LIMITS } from './ingest/index.js';
import { watchContent } from './ingest/watch.js';
import { createLogger, type Logger } from './runtime/logger.js';
import { Metrics, meteredBot } from './runtime/metrics.js';
import { FATAL_EXIT_CODE, installProcessGuard } from './runtime/process-guard.js';
import { handleSignals } from './runtime/shutdown.js';
import { libraryLocation, openSharedLibrary, type SharedLibrary } from './store/library-start.js';
import { createStateStores, STATE_LIMITS, type StateStores } from './store/index.js';
import { INSIGHTS_ROUTES } from './http/insights.js';
import { addReaderRoutes } from './http/reader.js';
import { readerLinks, ReaderSigner, type CitationLink } from './http/reader-link.js';
import { insightsHandlerFor } from './http/insights-server.js';
import type { InsightsSource } from './store/question-log.js';
import type { CoreLogger } from './core/types.js';
import { logLocation, openQuestionLog, pageUrl } from './store/start.js';
import { SqlInstallations } from './store/sql/installations.js';
import { gapJudge, heldBy } from './store/gap-kinds.js';
import { insightsSource } from './store/question-log.js';

const USAGE = `Usage: npm start -- [options]

Starts Pilcrow: Discord when DISCORD_TOKEN is set, Slack when SLACK_BOT_TOKEN (one workspace) or
SLACK_CLIENT_ID (many, OAuth) is set, else the
terminal chat. Settings come from the environment or .env (see .env.example).

Options:
  --content DIR   the folder of articles (overrides CONTENT_DIR; default ./content)
  -h, --help      show this help`;

async function main(): Promise<void> {
  const { values } = parseCli(USAGE, { content: { type: 'string' } });
  const env = readEnvironment();
  const config = loadConfig(values.content === undefined ? env : { ...env, CONTENT_DIR: values.content });
  const baseLogger = createLogger(config.logLevel ?? (config.discord || config.slack ? 'info' : 'warn'), undefined, { pretty: config.logPretty === true });
  // A shard process (DISCORD_SHARDING=process) says which shard it is on every line.
  const logger = config.discord?.shardOf ? baseLogger.child({ shard: config.discord.shardOf.id }) : baseLogger;
  // An error escaping one handler is logged; the process keeps serving everything else.
  installProcessGuard(logger);
  if (config.discord?.sharding === 'process') {
    // The supervisor: it starts a child process per shard (each running this file) and serves their health.
    const { runShardSupervisor } = await import('./adapters/discord/shards/run.js');
    return runShardSupervisor(config, logger);
  }
  const metrics = new Metrics();
  const readiness = new Readiness();
  // Pilcrow's own HTTP surfaces. Other features mount theirs here too (`routes.add(...)`): they
  // are served on HEALTH_PORT and, in Slack HTTP mode, on the Slack port.
  const routes = new RouteTable(logger.child({ component: 'http' }));
  addHealthRoutes(routes, readiness, metrics);

  const state = await createStateStores({
    ...(config.redis ? { redisUrl: config.redis.url, prefix: config.redis.prefix } : {}),
    logger: logger.child({ component: 'store' }),
    metrics,
  });
  readiness.note('redis', () => state.degraded());

  // Articles added from chat and channel settings live in the library's database, shared by every
  // instance; the content folder holds the bundled articles. Changes reach other instances through
  // Redis or PostgreSQL (see docs/scaling.md).
  const library = await openLibrary(config, logger);
  const loadArticle = createArticleLoader({ contentDir: config.contentDir, sink: library.sink, limits: { ...DEFAULT_LIMITS, ...config.ingest } });
  const questionLog = await openQuestionLog(config, logger);
  if (questionLog) readiness.note('database', () => questionLog.log.degraded());
  const bot = new Pilcrow(library.articles, {
    logger,
    maxQuestionChars: config.maxQuestionChars,
    followThreads: config.followThreads,
    store: state.map('conversation', STATE_LIMITS.conversations),
    channels: library.store.channels,
    loadArticle,
    deleteArticle: library.deleteArticle,
    ...(questionLog ? { log: questionLog.log } : {}),
  });
  library.attach(bot);
  readiness.note('library', () => library.store.channels.degraded());
  logger.info(
    {
      articles: bot.articles.map((a) => ({ id: a.id, paragraphs: a.paragraphCount })),
      state: state.kind,
      library: library.store.kind,
      changes: library.events.kind,
    },
    'library loaded',
  );
  // In the terminal chat, reloads are shown as one readable line each, not as JSON log lines.
  let notices: CoreLogger | undefined;
  const watcher = watchContent(config.contentDir, library.sync.bundledView, {
    logger: { info: (o, m) => (notices ?? logger).info(o, m), warn: (o, m) => (notices ?? logger).warn(o, m) },
  });
  readiness.require('library', () => bot.articles.length > 0);
  // The insights page, on the same routes as health and metrics (only with INSIGHTS_TOKEN).
  const insightsHandler = questionLog ? insightsHandlerFor(config, bot, questionLog.log, logger) : undefined;
  if (insightsHandler) {
    for (const [method, path] of INSIGHTS_ROUTES) routes.add(method, path, async (req, res) => void (await insightsHandler(req, res)));
  }
  // Refusals sorted into content gaps and the rest against the library as it is when asked.
  const insights = questionLog
    ? insightsSource(questionLog.log, pageUrl(config), undefined, () => gapJudge(heldBy((term) => bot.library.has(term))))
    : undefined;
  const citationLink = config.reader ? mountReader(config.reader, bot, routes, logger) : undefined;

  // A platform dead for good (revoked token, refused intents): one line, then a graceful stop and
  // a non-zero exit, so a supervisor sees the failure.
  const onFatal = (cause: string) => {
    console.error(`pilcrow: ${cause}`);
    void signals.shutdown(cause, FATAL_EXIT_CODE);
  };
  // Many workspaces: the installations (sealed tokens) live in the same database as the log.
  const installations = config.slack?.oauth ? await openInstallations(config, config.slack.oauth.tokenKey) : undefined;
  const adapters = await platformAdapters(config, bot, logger, { state, metrics, routes, onFatal, insights, citationLink, installations });
  if (adapters.length === 0) {
    const { createConsoleAdapter } = await import('./adapters/console/index.js');
    const { noticeLogger } = await import('./adapters/console/notices.js');
    const terminal = createConsoleAdapter({
      bot: meteredBot(bot, metrics, 'console'),
      onClose: () => void signals.shutdown('terminal closed'),
      ...(insights ? { insights } : {}),
      ...(citationLink ? { citationLink } : {}),
    });
    notices = noticeLogger((line) => terminal.notify(line));
    adapters.push(terminal);
  }

  // Slack HTTP mode already serves the routes on its own port; HEALTH_PORT adds a separate one.
  const slackServesRoutes = config.slack !== undefined && config.slack.appToken === undefined;
  let http: HttpServer | undefined;
  if (config.healthPort !== undefined && !(slackServesRoutes && config.healthPort === config.slack?.port)) {
    http = createHttpServer({ routes, port: config.healthPort });
  }

  const signals = handleSignals({
    graceMs: config.shutdownGraceMs,
    logger,
    drain: () => readiness.drain(),
    stopWork: async (graceMs) => {
      await Promise.allSettled(adapters.map((a) => a.stop(graceMs)));
    },
    close: async () => {
      watcher.close();
      await Promise.allSettled([http?.stop(), state.close(), questionLog?.log.close(), library.close(), installations?.close()]);
    },
  });

  if (http) {
    const port = await http.start();
    logger.info({ port, paths: routes.routes.map((r) => r.path) }, 'http listening');
  }
  if (config.discord?.shardOf) {
    // Health and metrics go to the supervisor; a shard whose supervisor is gone stops too.
    const { answerSupervisor } = await import('./adapters/discord/shards/status.js');
    answerSupervisor({ readiness, metrics, onSupervisorGone: () => void signals.shutdown('shard supervisor gone') });
  }
  // Checked from now on: a platform still connecting is not ready yet.
  for (const adapter of adapters) readiness.require(adapter.name, () => adapter.connected?.() ?? true);
  for (const adapter of adapters) {
    await adapter.start();
    if (adapter.name !== 'console') logger.info({ adapter: adapter.name }, 'adapter started');
  }
}

/**
 * The shared library. A database that cannot be opened stops start-up (exit 1) with what to
 * check: without it, added articles and channel choices would silently be missing.
 */
async function openLibrary(config: Config, logger: Logger): Promise<SharedLibrary> {
  try {
    return await openSharedLibrary({
      location: libraryLocation(config),
      contentDir: config.contentDir,
      ...(config.redis ? { redis: { url: config.redis.url, prefix: config.redis.prefix } } : {}),
      logger: logger.child({ component: 'library' }),
      caps: {
        ...(config.ingest.tenantMaxArticles === undefined ? {} : { maxArticles: config.ingest.tenantMaxArticles }),
        ...(config.ingest.tenantMaxBytes === undefined ? {} : { maxBytes: config.ingest.tenantMaxBytes }),
      },
    });
  } catch (error) {
    if (error instanceof ContentError) throw error;
    const location = libraryLocation(config);
    const where = location.kind === 'postgres' ? 'DATABASE_URL' : `DATA_DIR (${location.file})`;
    throw new Error(`the library's database could not be opened (${error instanceof Error ? error.message : String(error)}): check ${where}.`);
  }
}

/** The platform adapters the configuration asks for, loaded only when configured. */
async function platformAdapters(
  config: Config,
  bot: Pilcrow,
  logger: Logger,
  shared: {
    state: StateStores;
    metrics: Metrics;
    routes: RouteTable;
    onFatal: (cause: string) => void;
    insights: InsightsSource | undefined;
    citationLink: CitationLink | undefined;
    installations: SqlInstallations | undefined;
  },
): Promise<Adapter[]> {
  const out: Adapter[] = [];
  const { state, metrics } = shared;
  const rateLimitPerMinute = config.rateLimitPerMinute;
  if (config.discord) {
    const { createDiscordAdapter } = await import('./adapters/discord/index.js');
    out.push(
      createDiscordAdapter({
        config: config.discord,
        bot: meteredBot(bot, metrics, 'discord'),
        logger: logger.child({ adapter: 'discord' }),
        rateLimitPerMinute,
        state,
        metrics,
        onFatal: shared.onFatal,
        replyDeadlineMs: config.replyDeadlineMs,
        maxPending: config.maxPending,
        ...(shared.insights ? { insights: shared.insights } : {}),
        ...(shared.citationLink ? { citationLink: shared.citationLink } : {}),
        ...(config.discord.shardOf
          ? { clientOptions: { shards: [config.discord.shardOf.id], shardCount: config.discord.shardOf.count } }
          : config.discord.shards
            ? { clientOptions: shardOptions(config.discord.shards) }
            : {}),
      }),
    );
  }
  if (config.slack) {
    const { createSlackAdapter } = await import('./adapters/slack/index.js');
    out.push(
      createSlackAdapter({
        config: config.slack,
        bot: meteredBot(bot, metrics, 'slack'),
        logger: logger.child({ adapter: 'slack' }),
        rateLimitPerMinute,
        state,
        metrics,
        routes: shared.routes,
        replyDeadlineMs: config.replyDeadlineMs,
        maxPending: config.maxPending,
        ...(shared.insights ? { insights: shared.insights } : {}),
        ...(shared.citationLink ? { citationLink: shared.citationLink } : {}),
        ...(shared.installations ? { installations: shared.installations } : {}),
      }),
    );
  }
  return out;
}

/**
 * The Slack installations of many workspaces. Unlike the question log, the bot cannot serve
 * without them: a database that does not open stops start-up, naming the setting to check.
 */
async function openInstallations(config: Config, key: Buffer): Promise<SqlInstallations> {
  try {
    return await SqlInstallations.open(logLocation(config), key);
  } catch (error) {
    const where = config.questionLog.databaseUrl ? 'DATABASE_URL' : `DATA_DIR (${config.questionLog.sqliteFile})`;
    throw new Error(`Slack installations (SLACK_CLIENT_ID) need the database: check ${where}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

/**
 * The reader page (`/read/<token>`) on the route table, over the library as it is at each request
 * (articles added at run time included), and the link builder the renderers put on each ¶ label.
 */
function mountReader(reader: ReaderConfig, bot: Pilcrow, routes: RouteTable, logger: Logger): CitationLink {
  const signer = new ReaderSigner(reader.secret, reader.ttlHours * 3_600_000);
  const log = logger.child({ component: 'reader' });
  addReaderRoutes(routes, { signer, articles: () => bot.library.articles, onRefused: (reason) => log.info({ reason }, 'reader: link refused') });
  // The secret is never logged; the address and lifetime say where links point and for how long.
  log.info({ publicUrl: reader.publicUrl, ttlHours: reader.ttlHours }, 'reader links on');
  return readerLinks(reader, signer);
}

/** discord.js sharding inside this process: Discord's recommended count, or shards 0..n-1 of n. */
function shardOptions(shards: 'auto' | number): { shards: 'auto' } | { shards: number[]; shardCount: number } {
  if (shards === 'auto') return { shards: 'auto' };
  return { shards: Array.from({ length: shards }, (_, i) => i), shardCount: shards };
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
  // 2: the configuration or a credential is wrong (fix it, a restart will not help); 1: anything else.
  process.exit(err instanceof ConfigError || err instanceof CredentialError ? CONFIG_EXIT_CODE : 1);
});
