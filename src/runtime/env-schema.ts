/**
 * The environment's schema (zod): every variable Pilcrow reads, its type, default and check, with
 * a message naming the variable and the fix. `loadConfig` (config.ts) turns the result into `Config`.
 */
import { z } from 'zod';
import { DEFAULT_MAX_PENDING } from '../delivery/admission.js';
import { DEFAULT_REPLY_DEADLINE_MS } from '../delivery/outbox.js';
import { postgresUrlProblem, redisUrlProblem } from '../store/urls.js';

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const url = (what: string) =>
  z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .optional()
    .refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), {
      message: `expected ${what}, an http(s) URL`,
    });

const positiveInt = (what: string, fallback: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === undefined || v === '' ? String(fallback) : v))
    .refine((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= max, {
      message: `expected ${what}, a whole number from 1 to ${max}`,
    })
    .transform(Number);

/** A whole number from 1 to `max`, or unset (empty): no limit. */
const optionalLimit = (what: string, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === undefined || v === '' ? undefined : v))
    .refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= max), {
      message: `expected ${what}, a whole number from 1 to ${max} (or leave it empty for no limit)`,
    })
    .transform((v) => (v === undefined ? undefined : Number(v)));

const optionalPort = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v))
  .refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65_535), {
    message: 'expected a port number from 1 to 65535 (or leave it empty to turn it off)',
  })
  .transform((v) => (v === undefined ? undefined : Number(v)));

/** A comma-separated list; empty entries dropped. */
const list = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

const snowflake = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional()
  .refine((v) => v === undefined || /^\d{5,25}$/.test(v), {
    message: 'expected a Discord snowflake id (digits only)',
  });

export const EnvSchema = z
  .object({
    CONTENT_DIR: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : 'content')),
    LOG_LEVEL: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
      z
        .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
          message: 'expected one of fatal, error, warn, info, debug, trace, silent',
        })
        .optional(),
    ),
    MAX_QUESTION_CHARS: positiveInt('the longest question accepted, in characters', 2000, 100_000),
    RATE_LIMIT_PER_MINUTE: positiveInt('requests allowed per user per minute', 10, 10_000),
    LOG_PRETTY: optionalString.refine((v) => v === undefined || /^(0|1|true|false)$/i.test(v), { message: 'expected 1 or 0' }),
    FOLLOW_THREADS: optionalString.refine((v) => v === undefined || /^(0|1|true|false)$/i.test(v), { message: 'expected 1 or 0' }),
    HEALTH_PORT: optionalPort,
    SHUTDOWN_GRACE_MS: positiveInt('milliseconds to wait for answers in flight at shutdown', 10_000, 600_000),
    REDIS_URL: optionalString.superRefine((v, ctx) => {
      const problem = v === undefined ? undefined : redisUrlProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: `${problem}: expected redis://host:6379 (redis://user:password@host:6379/0; rediss:// for TLS)` });
    }),
    REDIS_PREFIX: optionalString.refine((v) => v === undefined || /^[\w:.-]{1,64}$/.test(v), {
      message: 'expected up to 64 letters, digits, and _ : . -',
    }),
    DISCORD_SHARDS: optionalString.refine((v) => v === undefined || v === 'auto' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 1000), {
      message: 'expected "auto" or a number of shards from 1 to 1000',
    }),
    DISCORD_SHARDING: optionalString.refine((v) => v === undefined || v === 'inline' || v === 'process', {
      message: 'expected "process" (a supervisor starts one child process per shard) or "inline" (every shard in this process, the default)',
    }),
    // Set by discord.js's ShardingManager in each shard process it starts (see `shardOf`).
    SHARDING_MANAGER: optionalString,
    SHARDS: optionalString,
    SHARD_COUNT: optionalString,
    REPLY_DEADLINE_MS: positiveInt('how long a reply is retried, in milliseconds', DEFAULT_REPLY_DEADLINE_MS, 3_600_000),
    MAX_PENDING: positiveInt('answers in progress at once before new requests are shed', DEFAULT_MAX_PENDING, 100_000),

    ALLOW_PRIVATE_URLS: z
      .string()
      .trim()
      .optional()
      .refine((v) => v === undefined || /^(?:|0|1|true|false)$/i.test(v), { message: 'expected 1 or 0' })
      .transform((v) => v === '1' || v?.toLowerCase() === 'true'),
    PRIVATE_URL_HOSTS: list,
    MAX_ARTICLE_BYTES: positiveInt('the largest article document fetched, in bytes', 5_000_000, 100_000_000),
    ARTICLE_FETCH_TIMEOUT_MS: positiveInt('the time allowed to fetch an article, in milliseconds', 20_000, 300_000),
    TENANT_MAX_ARTICLES: optionalLimit('the most articles one workspace or server may add', 1_000_000),
    TENANT_MAX_BYTES: optionalLimit("the most bytes one workspace or server's added articles may take", 1_000_000_000_000),
    SLACK_ADMINS: list,
    DISCORD_ADD_PERMISSION: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      // Checked against discord.js's permission names when the Discord adapter starts.
      .refine((v) => v === undefined || /^[A-Z][A-Za-z]+$/.test(v), {
        message: 'expected a Discord permission name such as ManageMessages, ManageGuild or Administrator',
      }),

    DISCORD_TOKEN: optionalString,
    DISCORD_APPLICATION_ID: snowflake,
    DISCORD_GUILD_ID: snowflake,
    DISCORD_API_BASE: url('the Discord REST base URL, e.g. https://discord.com/api'),

    SLACK_BOT_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith('xoxb-'), {
      message: 'expected a bot token starting with xoxb-',
    }),
    SLACK_APP_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith('xapp-'), {
      message: 'expected an app-level token starting with xapp- (Socket Mode)',
    }),
    SLACK_SIGNING_SECRET: optionalString,
    SLACK_CLIENT_ID: optionalString,
    SLACK_CLIENT_SECRET: optionalString,
    SLACK_STATE_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, {
      message: 'expected at least 32 characters (it signs the OAuth state; make one with `openssl rand -hex 32`)',
    }),
    SLACK_TOKEN_KEY: optionalString.refine((v) => v === undefined || tokenKey(v) !== undefined, {
      message: 'expected 32 bytes as 64 hex digits or base64 (make one with `openssl rand -hex 32`)',
    }),
    SLACK_SCOPES: list,
    SLACK_API_URL: url('the Slack Web API base URL, e.g. https://slack.com/api/'),
    PORT: positiveInt('the HTTP port for Slack events', 3000, 65_535),

    DATA_DIR: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : 'data')),
    DATABASE_URL: optionalString.superRefine((v, ctx) => {
      const problem = v === undefined ? undefined : postgresUrlProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: `${problem}: expected postgres://user[:password]@host[:5432]/database` });
    }),
    STORE_QUESTIONS: z
      .string()
      .trim()
      .optional()
      .refine((v) => v === undefined || ['', '0', '1', 'true', 'false'].includes(v), { message: 'expected 1 (keep question text) or 0 (keep only its words)' })
      .transform((v) => !(v === '0' || v === 'false')),
    RETAIN_DAYS: positiveInt('days the question log keeps', 30, 3650),
    INSIGHTS_TOKEN: optionalString.refine((v) => v === undefined || v.length >= 16, {
      message: 'expected at least 16 characters (it guards the insights page; e.g. `openssl rand -hex 24`)',
    }),
    INSIGHTS_URL: url('the public address of the insights page, for links from Slack and Discord'),
    PUBLIC_URL: optionalString.refine((v) => v === undefined || publicOrigin(v) !== undefined, {
      message:
        'expected the public address of the HTTP server on HEALTH_PORT, an http(s) URL such as https://pilcrow.example.org (no query, fragment or user name)',
    }),
    READER_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, {
      message: 'expected at least 32 characters (it signs reader links; make one with `openssl rand -hex 32`)',
    }),
    READER_LINK_TTL_HOURS: positiveInt('hours a reader link stays valid', 720, 8760),
    TRUST_PROXY: z
      .string()
      .trim()
      .optional()
      .refine((v) => v === undefined || /^(?:|0|1|true|false)$/i.test(v), {
        message: 'expected 1 (behind a reverse proxy that sets X-Forwarded-Proto and X-Forwarded-For) or 0',
      })
      .transform((v) => v === '1' || v?.toLowerCase() === 'true'),
  })
  .superRefine((env, ctx) => {
    if (env.DISCORD_TOKEN && !env.DISCORD_APPLICATION_ID) {
      ctx.addIssue({
        code: 'custom',
        path: ['DISCORD_APPLICATION_ID'],
        message: 'is required when DISCORD_TOKEN is set (the Application ID from the Developer Portal)',
      });
    }
    if (env.DISCORD_SHARDING === 'process' && shardOf(env) === undefined) shardingProblems(env, ctx);
    if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message:
          'is required when SLACK_BOT_TOKEN is set without SLACK_APP_TOKEN: set SLACK_APP_TOKEN (xapp-…) for Socket Mode, which needs no public URL, or SLACK_SIGNING_SECRET for HTTP mode, where Slack posts events to your public URL',
      });
    }
    if (env.SLACK_CLIENT_ID) {
      // OAuth: installs come through /slack/install and /slack/oauth_redirect on PORT (HTTP mode).
      const missing = (
        [
          ['SLACK_CLIENT_SECRET', 'the Client Secret from Basic Information → App Credentials'],
          ['SLACK_STATE_SECRET', 'it signs the OAuth state of each install; make one with `openssl rand -hex 32`'],
          [
            'SLACK_TOKEN_KEY',
            'it encrypts the installed workspaces’ bot tokens in the database (AES-256-GCM); make one with `openssl rand -hex 32`, keep it secret and keep it: tokens stored under one key cannot be read with another',
          ],
          ['SLACK_SIGNING_SECRET', 'many workspaces run in HTTP mode, where it verifies each request (Basic Information → App Credentials)'],
        ] as const
      ).find(([name]) => !env[name]);
      if (missing)
        ctx.addIssue({ code: 'custom', path: [missing[0]], message: `is required when SLACK_CLIENT_ID is set (many workspaces, OAuth): ${missing[1]}` });
      if (env.SLACK_BOT_TOKEN) {
        ctx.addIssue({
          code: 'custom',
          path: ['SLACK_BOT_TOKEN'],
          message:
            'is set, but with SLACK_CLIENT_ID (many workspaces, OAuth) each workspace’s token comes from its install: empty SLACK_BOT_TOKEN, or unset SLACK_CLIENT_ID for one workspace with a fixed token',
        });
      }
      if (env.SLACK_APP_TOKEN) {
        ctx.addIssue({
          code: 'custom',
          path: ['SLACK_APP_TOKEN'],
          message:
            'is set, but with SLACK_CLIENT_ID (many workspaces, OAuth) Pilcrow runs in HTTP mode, where Slack reaches /slack/install, /slack/oauth_redirect and /slack/events on PORT: empty SLACK_APP_TOKEN',
        });
      }
    } else {
      for (const name of ['SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'SLACK_TOKEN_KEY'] as const) {
        if (env[name])
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message:
              'is set but SLACK_CLIENT_ID is not: set SLACK_CLIENT_ID (Basic Information → App Credentials) to install in many workspaces, or leave it empty',
          });
      }
    }
    if (env.PUBLIC_URL && !env.READER_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['READER_SECRET'],
        message: 'is required when PUBLIC_URL is set: it signs the reader links; make one with `openssl rand -hex 32` and keep it secret',
      });
    }
    // Slack HTTP mode serves Pilcrow's routes on PORT too; otherwise only HEALTH_PORT does.
    if (env.PUBLIC_URL && env.HEALTH_PORT === undefined && !((env.SLACK_BOT_TOKEN || env.SLACK_CLIENT_ID) && !env.SLACK_APP_TOKEN)) {
      ctx.addIssue({
        code: 'custom',
        path: ['HEALTH_PORT'],
        message: 'is required when PUBLIC_URL is set: the reader page is served on HEALTH_PORT, which PUBLIC_URL must reach',
      });
    }
  });

/**
 * The shard a process started by the supervisor holds: discord.js's ShardingManager sets
 * `SHARDING_MANAGER`, `SHARDS` (one id per process) and `SHARD_COUNT` in each child's environment.
 */
export function shardOf(env: {
  SHARDING_MANAGER?: string | undefined;
  SHARDS?: string | undefined;
  SHARD_COUNT?: string | undefined;
}): { id: number; count: number } | undefined {
  if (env.SHARDING_MANAGER !== 'true' || !env.SHARDS || !env.SHARD_COUNT || !/^\d+$/.test(env.SHARDS) || !/^\d+$/.test(env.SHARD_COUNT)) return undefined;
  const id = Number(env.SHARDS);
  const count = Number(env.SHARD_COUNT);
  return id < count ? { id, count } : undefined;
}

/**
 * `DISCORD_SHARDING=process` runs a supervisor whose children are Discord shards only: they share
 * state through Redis, and the supervisor's HEALTH_PORT serves health, readiness and metrics only.
 */
function shardingProblems(env: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (!env['DISCORD_TOKEN']) issue('DISCORD_TOKEN', 'is required when DISCORD_SHARDING=process (the shards are Discord gateway shards)');
  else if (!env['REDIS_URL']) {
    issue(
      'REDIS_URL',
      'is required when DISCORD_SHARDING=process: the shard processes share conversations, rate limits and library changes through Redis (or unset DISCORD_SHARDING to run every shard in this process)',
    );
  } else if (env['SLACK_BOT_TOKEN'] || env['SLACK_CLIENT_ID']) {
    issue(
      'DISCORD_SHARDING',
      'is process, which runs Discord shards only: run Slack as a separate process with the same REDIS_URL and DATA_DIR or DATABASE_URL, or unset DISCORD_SHARDING',
    );
  } else if (env['PUBLIC_URL'] || env['INSIGHTS_TOKEN']) {
    issue(
      'DISCORD_SHARDING',
      'is process, whose HEALTH_PORT serves health, readiness and metrics only, not the reader or insights page: unset PUBLIC_URL and INSIGHTS_TOKEN, or unset DISCORD_SHARDING',
    );
  }
}

/** `SLACK_TOKEN_KEY` as 32 bytes (64 hex digits, or base64 / base64url); undefined when it is not that. */
export function tokenKey(value: string): Buffer | undefined {
  if (/^[0-9a-f]{64}$/i.test(value)) return Buffer.from(value, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) return undefined;
  const key = Buffer.from(value, value.includes('-') || value.includes('_') ? 'base64url' : 'base64');
  return key.length === 32 ? key : undefined;
}

/** `value` as a link base (origin plus optional path, no trailing slash); undefined when it is not a plain http(s) address. */
export function publicOrigin(value: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(parsed.protocol) || parsed.username || parsed.password || parsed.search || parsed.hash || /[\s()<>|]/.test(value)) return undefined;
  return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
}
