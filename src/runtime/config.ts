/**
 * The one place that reads the environment. Everything else receives a typed `Config`.
 * A bad value stops start-up with a one-line message naming the variable and what is expected.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { EnvSchema, publicOrigin, shardOf, tokenKey } from './env-schema.js';

/** Thrown for a bad configuration value; `message` is one line, fit to print as is. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Thrown when a platform refuses a credential at start-up (a revoked Discord token, Slack's
 * `invalid_auth`): like a bad setting, restarting will not help until it is fixed.
 */
export class CredentialError extends Error {
  override name = 'CredentialError';
}

/**
 * The exit code for a configuration or credential error, at start-up or mid-session (a token
 * revoked while running). 1 is any other failure to start (bad content, a store that cannot open).
 */
export const CONFIG_EXIT_CODE = 2;

/** Discord settings, present when `DISCORD_TOKEN` is set. */
export interface DiscordConfig {
  token: string;
  applicationId: string;
  guildId?: string;
  apiBase?: string;
  /** `DISCORD_SHARDS`: `auto` (Discord's recommendation) or a count; unset runs one shard. */
  shards?: 'auto' | number;
  /** The permission a member needs to add articles (`/article add`): a PermissionFlagsBits name. Default ManageMessages. */
  addPermission?: string;
  /**
   * `DISCORD_SHARDING=process`: this process is the supervisor. It starts one child process per
   * shard (discord.js's ShardingManager), restarts one that dies, and serves their health.
   */
  sharding?: 'process';
  /** In a child started by the supervisor: the shard it holds, of how many. */
  shardOf?: { id: number; count: number };
}

/** Slack settings, present when `SLACK_BOT_TOKEN` (one workspace) or `SLACK_CLIENT_ID` (many, OAuth) is set. */
export interface SlackConfig {
  /** One workspace: its Bot User OAuth Token. Unset when `oauth` is set. */
  botToken?: string;
  /** Many workspaces: Bolt's OAuth install flow, tokens kept (encrypted) in the database. */
  oauth?: SlackOAuthConfig;
  /** Socket Mode when set. */
  appToken?: string;
  /** HTTP mode (request signature verification) when `appToken` is not set. */
  signingSecret?: string;
  apiUrl?: string;
  port: number;
  /** User ids allowed to add articles; unset or empty: everyone. */
  admins?: string[];
}

/** `SLACK_CLIENT_ID`, `SLACK_CLIENT_SECRET`, `SLACK_STATE_SECRET`, `SLACK_TOKEN_KEY`, `SLACK_SCOPES`. None is ever logged. */
export interface SlackOAuthConfig {
  clientId: string;
  clientSecret: string;
  /** Signs the `state` of each install (Bolt's state store). */
  stateSecret: string;
  /** The AES-256-GCM key of the bot tokens at rest: 32 bytes. */
  tokenKey: Buffer;
  /** Bot scopes asked for at install. Default: the manifest's. */
  scopes: string[];
}

/** The bot scopes of `slack-manifest.json`: what an OAuth install asks for unless `SLACK_SCOPES` says otherwise. */
export const DEFAULT_SLACK_SCOPES = ['app_mentions:read', 'chat:write', 'commands', 'im:history', 'channels:history', 'groups:history'];

/** Limits for articles added from chat (`src/ingest`). */
export interface IngestConfig {
  /** Let links reach loopback and private addresses. Tests and trusted networks only. */
  allowPrivate: boolean;
  /** Host names that may resolve to private addresses (an intranet site). */
  privateHosts: string[];
  maxBytes: number;
  timeoutMs: number;
  /** Per tenant (a Slack workspace or Grid organization, a Discord server): most articles added (`TENANT_MAX_ARTICLES`); unset: no limit. */
  tenantMaxArticles?: number;
  /** Per tenant: most bytes of added articles' Markdown together (`TENANT_MAX_BYTES`); unset: no limit. */
  tenantMaxBytes?: number;
}

/** The validated configuration of a Pilcrow process. */
export interface Config {
  contentDir: string;
  /** Unset: `info` when a platform runs, `warn` in the terminal chat (logs would interleave with it). */
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  maxQuestionChars: number;
  rateLimitPerMinute: number;
  /** `LOG_PRETTY=1`: human-readable log lines instead of JSON. */
  logPretty?: boolean;
  /** `FOLLOW_THREADS=1`: follow mode in every channel that has not turned it off. */
  followThreads: boolean;
  /** How long a reply is retried through rate limits and outages before it is given up. */
  replyDeadlineMs: number;
  /** Answers in progress past which new requests are shed with a "busy" reply. */
  maxPending: number;
  ingest: IngestConfig;
  discord?: DiscordConfig;
  slack?: SlackConfig;
  /** `HEALTH_PORT`: where `/healthz`, `/readyz` and `/metrics` are served; unset: no separate server. */
  healthPort?: number;
  /** `SHUTDOWN_GRACE_MS`: how long shutdown waits for answers in flight. Default 10,000. */
  shutdownGraceMs: number;
  /** `REDIS_URL` (and `REDIS_PREFIX`, default `pilcrow:`): shared state; unset keeps it in memory. */
  redis?: { url: string; prefix: string };
  questionLog: QuestionLogConfig;
  /** The insights page, when `INSIGHTS_TOKEN` is set. */
  insights?: { token: string; url?: string };
  /** The reader page and signed ¶ links, when `PUBLIC_URL` is set. */
  reader?: ReaderConfig;
  /** `TRUST_PROXY=1`: believe X-Forwarded-Proto and X-Forwarded-For (the HTTP server sits behind a reverse proxy). */
  trustProxy?: boolean;
}

/** `PUBLIC_URL`, `READER_SECRET`, `READER_LINK_TTL_HOURS`: where reader links point and how they are signed. */
export interface ReaderConfig {
  /** The public address of the HTTP server, without a trailing slash (`https://pilcrow.example.org`). */
  publicUrl: string;
  /** The HMAC key of the links. Never logged or shown. */
  secret: string;
  /** How long a link stays valid, in hours. Default 720 (30 days). */
  ttlHours: number;
}

/** Where and how the question log is kept. */
export interface QuestionLogConfig {
  /** SQLite file (the default: `DATA_DIR/pilcrow.sqlite`) unless `databaseUrl` is set. */
  sqliteFile: string;
  /** Where reports wait while the database refuses them: `DATA_DIR/question-log.spool.jsonl`. */
  spoolFile: string;
  /** PostgreSQL, shared by several instances. */
  databaseUrl?: string;
  /** False with STORE_QUESTIONS=0: only the question's words are kept. */
  storeQuestions: boolean;
  retainDays: number;
}

/**
 * Validates `env` (default: `process.env`, after reading `.env` when present) into a `Config`.
 * @throws ConfigError with a one-line message naming the variable and what is expected.
 */
export function loadConfig(env: NodeJS.ProcessEnv = readEnvironment()): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    const message = issue.message.startsWith('is required') ? issue.message : `${issue.message}`;
    // The value itself is never shown: a token pasted into the wrong variable would be printed.
    const value = env[name];
    const got = typeof value === 'string' && value.trim() !== '' ? ` (value not shown; ${value.trim().length} characters)` : '';
    throw new ConfigError(`Invalid configuration: ${name} ${message.startsWith('is ') ? message : `— ${message}`}${got}.`);
  }
  const e = parsed.data;
  const shard = e.DISCORD_TOKEN ? shardOf(e) : undefined;
  return {
    contentDir: resolve(e.CONTENT_DIR),
    ...(e.LOG_LEVEL ? { logLevel: e.LOG_LEVEL } : {}),
    maxQuestionChars: e.MAX_QUESTION_CHARS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    ...(e.LOG_PRETTY && /^(1|true)$/i.test(e.LOG_PRETTY) ? { logPretty: true } : {}),
    followThreads: e.FOLLOW_THREADS !== undefined && /^(1|true)$/i.test(e.FOLLOW_THREADS),
    // A shard's health is served by its supervisor, on HEALTH_PORT.
    ...(e.HEALTH_PORT !== undefined && !shard ? { healthPort: e.HEALTH_PORT } : {}),
    ...(e.REDIS_URL ? { redis: { url: e.REDIS_URL, prefix: e.REDIS_PREFIX ?? 'pilcrow:' } } : {}),
    replyDeadlineMs: e.REPLY_DEADLINE_MS,
    maxPending: e.MAX_PENDING,
    ingest: {
      allowPrivate: e.ALLOW_PRIVATE_URLS,
      privateHosts: e.PRIVATE_URL_HOSTS.map((h) => h.toLowerCase()),
      maxBytes: e.MAX_ARTICLE_BYTES,
      timeoutMs: e.ARTICLE_FETCH_TIMEOUT_MS,
      ...(e.TENANT_MAX_ARTICLES === undefined ? {} : { tenantMaxArticles: e.TENANT_MAX_ARTICLES }),
      ...(e.TENANT_MAX_BYTES === undefined ? {} : { tenantMaxBytes: e.TENANT_MAX_BYTES }),
    },
    ...(e.DISCORD_TOKEN
      ? {
          discord: {
            token: e.DISCORD_TOKEN,
            applicationId: e.DISCORD_APPLICATION_ID!,
            ...(e.DISCORD_GUILD_ID ? { guildId: e.DISCORD_GUILD_ID } : {}),
            ...(e.DISCORD_API_BASE ? { apiBase: e.DISCORD_API_BASE } : {}),
            ...(e.DISCORD_SHARDS ? { shards: e.DISCORD_SHARDS === 'auto' ? ('auto' as const) : Number(e.DISCORD_SHARDS) } : {}),
            ...(e.DISCORD_ADD_PERMISSION ? { addPermission: e.DISCORD_ADD_PERMISSION } : {}),
            ...(shard ? { shardOf: shard } : e.DISCORD_SHARDING === 'process' ? { sharding: 'process' as const } : {}),
          },
        }
      : {}),
    questionLog: {
      sqliteFile: resolve(e.DATA_DIR, 'pilcrow.sqlite'),
      spoolFile: resolve(e.DATA_DIR, 'question-log.spool.jsonl'),
      ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
      storeQuestions: e.STORE_QUESTIONS,
      retainDays: e.RETAIN_DAYS,
    },
    ...(e.PUBLIC_URL ? { reader: { publicUrl: publicOrigin(e.PUBLIC_URL)!, secret: e.READER_SECRET!, ttlHours: e.READER_LINK_TTL_HOURS } } : {}),
    ...(e.TRUST_PROXY ? { trustProxy: true } : {}),
    ...(e.INSIGHTS_TOKEN ? { insights: { token: e.INSIGHTS_TOKEN, ...(e.INSIGHTS_URL ? { url: e.INSIGHTS_URL } : {}) } } : {}),
    ...(e.SLACK_BOT_TOKEN || e.SLACK_CLIENT_ID
      ? {
          slack: {
            ...(e.SLACK_BOT_TOKEN ? { botToken: e.SLACK_BOT_TOKEN } : {}),
            ...(e.SLACK_CLIENT_ID
              ? {
                  oauth: {
                    clientId: e.SLACK_CLIENT_ID,
                    clientSecret: e.SLACK_CLIENT_SECRET!,
                    stateSecret: e.SLACK_STATE_SECRET!,
                    tokenKey: tokenKey(e.SLACK_TOKEN_KEY!)!,
                    scopes: e.SLACK_SCOPES.length > 0 ? e.SLACK_SCOPES : DEFAULT_SLACK_SCOPES,
                  },
                }
              : {}),
            ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
            ...(e.SLACK_SIGNING_SECRET ? { signingSecret: e.SLACK_SIGNING_SECRET } : {}),
            ...(e.SLACK_API_URL ? { apiUrl: e.SLACK_API_URL } : {}),
            port: e.PORT,
            ...(e.SLACK_ADMINS.length > 0 ? { admins: e.SLACK_ADMINS } : {}),
          },
        }
      : {}),
  };
}

/** `process.env`, with `.env` from the working directory merged in underneath when present. */
export function readEnvironment(cwd = process.cwd()): NodeJS.ProcessEnv {
  const file = resolve(cwd, '.env');
  if (existsSync(file)) loadDotenv({ path: file, quiet: true });
  return process.env;
}
