/**
 * Many workspaces (OAuth), end to end: the real Bolt app in HTTP mode with its own InstallProvider,
 * the fake Slack answering `oauth.v2.access`, and the installation store on a real database
 * (SQLite in a temporary DATA_DIR; PostgreSQL when it answers, always in CI). Two workspaces
 * install, each is answered with its own token, the tokens are sealed at rest, and an uninstall
 * or a token revocation deletes the workspace's installation.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack, OAUTH_CLIENT, OAUTH_SCOPES, type FakeWorkspace } from '../../../scripts/demo/fake-slack.js';
import { createSlackAdapter, INSTALL_PATH, OAUTH_REDIRECT_PATH, type SlackAdapter } from '../../../src/adapters/slack/index.js';
import { DEFAULT_SLACK_SCOPES, loadConfig, type SlackConfig } from '../../../src/runtime/config.js';
import { logLocation } from '../../../src/store/start.js';
import { SqlInstallations } from '../../../src/store/sql/installations.js';
import type { LogLocation } from '../../../src/store/sql/connect.js';
import { dropSchema, POSTGRES_URL, postgresUnavailable, uniqueSchema } from '../../store/databases.js';
import { isolatedEnv } from '../../fixtures/isolated.js';
import { configError } from '../../helpers.js';
import { freePort, npmStart, ROOT } from '../../runtime/spawn.js';
import { appMention, captureLogger, CONTENT_DIR, postEvent, realBot, SIGNING_SECRET, type LogLine } from './harness.js';

const TOKEN_KEY_HEX = 'a3'.repeat(32);
const STATE_SECRET = 'state-secret-for-tests-0123456789abcdef';

const ACME: FakeWorkspace = { teamId: 'T0ACME01', teamName: 'acme', botToken: 'xoxb-acme-5f2c9e7d1b3a', botUserId: 'UBOTACME', botId: 'BBOTACME' };
const GLOBEX: FakeWorkspace = { teamId: 'T0GLOBX2', teamName: 'globex', botToken: 'xoxb-globex-8e1d4c6a2f90', botUserId: 'UBOTGLBX', botId: 'BBOTGLBX' };

/** The environment an operator would set; DATA_DIR (SQLite) or DATABASE_URL (PostgreSQL) says where. */
function oauthEnv(fake: FakeSlack, where: Record<string, string>): NodeJS.ProcessEnv {
  return {
    CONTENT_DIR,
    SLACK_CLIENT_ID: OAUTH_CLIENT.id,
    SLACK_CLIENT_SECRET: OAUTH_CLIENT.secret,
    SLACK_STATE_SECRET: STATE_SECRET,
    SLACK_TOKEN_KEY: TOKEN_KEY_HEX,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    ...where,
  };
}

interface Running {
  fake: FakeSlack;
  adapter: SlackAdapter;
  records: SqlInstallations;
  lines: LogLine[];
  /** Every row of the installations table, as stored. */
  rows(): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

async function start(
  database: (fake: FakeSlack) => {
    env: Record<string, string>;
    location?: LogLocation;
    rows(): Promise<Array<Record<string, unknown>>>;
    cleanup(): Promise<void>;
  },
): Promise<Running> {
  const fake = await new FakeSlack().start();
  const db = database(fake);
  const config = loadConfig(oauthEnv(fake, db.env));
  const slack: SlackConfig = { ...config.slack!, port: 0 };
  expect(slack.botToken).toBeUndefined();
  const records = await SqlInstallations.open(db.location ?? logLocation(config), slack.oauth!.tokenKey);
  const { logger, lines } = captureLogger();
  const adapter = createSlackAdapter({
    config: slack,
    bot: await realBot(),
    logger,
    rateLimitPerMinute: 1000,
    host: '127.0.0.1',
    webClient: { retryConfig: { retries: 1, factor: 1, minTimeout: 10, maxTimeout: 20 }, timeout: 3000 },
    replyDeadlineMs: 3000,
    retryDelays: { baseMs: 10, maxMs: 50 },
    installations: records,
  });
  await adapter.start();
  return {
    fake,
    adapter,
    records,
    lines,
    rows: db.rows,
    async close() {
      await adapter.stop();
      await records.close();
      await fake.stop();
      await db.cleanup();
    },
  };
}

/** Resolves once `probe` finds something in the log (polled: log lines emit no event). */
async function logged(r: Running, probe: (line: LogLine) => boolean, what: string, ms = 8_000): Promise<LogLine> {
  const until = Date.now() + ms;
  for (;;) {
    const found = r.lines.find(probe);
    if (found) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** GET on the adapter's port, without following redirects. */
function get(r: Running, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`http://127.0.0.1:${r.adapter.port}${path}`, { redirect: 'manual', headers });
}

/** A user opens /slack/install, approves on Slack's page, and the browser follows the redirect back. */
async function install(r: Running, workspace: FakeWorkspace): Promise<Response> {
  const start = await get(r, INSTALL_PATH);
  const consent = new URL(start.headers.get('location')!);
  const state = consent.searchParams.get('state')!;
  const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
  const code = r.fake.approveInstall(workspace);
  return get(r, `${OAUTH_REDIRECT_PATH}?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`, { cookie });
}

/** An Events API callback from `workspace`, as Slack sends it to a multi-workspace app. */
function fromWorkspace(workspace: FakeWorkspace, envelope: Record<string, unknown>): Record<string, unknown> {
  return {
    ...envelope,
    team_id: workspace.teamId,
    authorizations: [{ enterprise_id: null, team_id: workspace.teamId, user_id: workspace.botUserId, is_bot: true, is_enterprise_install: false }],
  };
}

function mention(workspace: FakeWorkspace, channel: string, text = 'What did Samsung sign with YMTC?') {
  return fromWorkspace(workspace, appMention({ text: `<@${workspace.botUserId}> ${text}`, user: 'U0ASKER1', channel }));
}

let uninstallCounter = 0;
function lifecycleEvent(workspace: FakeWorkspace, event: Record<string, unknown>) {
  uninstallCounter += 1;
  return fromWorkspace(workspace, {
    token: 'legacy-verification-token',
    api_app_id: 'A0TEST01',
    type: 'event_callback',
    event_id: `EvLIFE${String(uninstallCounter).padStart(6, '0')}`,
    event_time: Math.floor(Date.now() / 1000),
    event,
  });
}

function suite(
  name: string,
  database: (fake: FakeSlack) => {
    env: Record<string, string>;
    location?: LogLocation;
    rows(): Promise<Array<Record<string, unknown>>>;
    cleanup(): Promise<void>;
  },
  skip: () => string | null,
) {
  describe(`Slack many workspaces (OAuth) on ${name}`, () => {
    let r: Running;
    beforeAll(async () => {
      if (skip()) return;
      r = await start(database);
    });
    afterAll(async () => {
      await r?.close();
    });
    // The tests run in order: installs first, then answers, then uninstalls.
    const test = (title: string, fn: () => Promise<void>) => it(title, async (c) => (skip() ? c.skip(skip()!) : fn()));

    test('GET /slack/install redirects to Slack’s consent page with the client id, the scopes and a state also set as a cookie', async () => {
      const res = await get(r, INSTALL_PATH);
      expect(res.status).toBe(302);
      const consent = new URL(res.headers.get('location')!);
      expect(`${consent.origin}${consent.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
      expect(consent.searchParams.get('client_id')).toBe(OAUTH_CLIENT.id);
      expect(consent.searchParams.get('scope')).toBe(OAUTH_SCOPES);
      const state = consent.searchParams.get('state');
      expect(state).toBeTruthy();
      expect(res.headers.get('set-cookie')).toContain(`slack-app-oauth-state=${state}`);
    });

    test('a redirect whose state is not the browser’s (no cookie, or another install’s) stores nothing', async () => {
      const first = await get(r, INSTALL_PATH);
      const state = new URL(first.headers.get('location')!).searchParams.get('state')!;
      const noCookie = await get(r, `${OAUTH_REDIRECT_PATH}?code=${r.fake.approveInstall(ACME)}&state=${encodeURIComponent(state)}`);
      expect(noCookie.status).toBeGreaterThanOrEqual(400);
      const other = await get(r, INSTALL_PATH);
      const otherCookie = other.headers.get('set-cookie')!.split(';')[0]!;
      const swapped = await get(r, `${OAUTH_REDIRECT_PATH}?code=${r.fake.approveInstall(ACME)}&state=${encodeURIComponent(state)}`, { cookie: otherCookie });
      expect(swapped.status).toBeGreaterThanOrEqual(400);
      expect(r.fake.callsTo('oauth.v2.access')).toHaveLength(0);
      expect(await r.rows()).toHaveLength(0);
    });

    test('an install exchanges the code and stores the workspace with its bot token sealed: the row never holds the token in clear', async () => {
      const res = await install(r, ACME);
      expect(res.status).toBe(200);
      const exchange = await r.fake.waitForCall('oauth.v2.access');
      expect(exchange.params['client_id']).toBe(OAUTH_CLIENT.id);

      const rows = await r.rows();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ team_id: ACME.teamId, enterprise_id: '', app_id: 'A0TEST01', bot_user_id: ACME.botUserId });
      const stored = JSON.stringify(rows);
      expect(stored).not.toContain(ACME.botToken);
      expect(stored).not.toContain(ACME.botToken.slice('xoxb-'.length));
      expect(stored).not.toContain('xoxb-');
      // Read back through the store (the key), it is the installation Bolt made.
      expect(await r.records.get({ teamId: ACME.teamId })).toMatchObject({
        team: { id: ACME.teamId },
        bot: { token: ACME.botToken, userId: ACME.botUserId, id: ACME.botId },
      });
      // Nothing the app logged holds the token, the client secret or the key.
      const logged = JSON.stringify(r.lines);
      for (const secret of [ACME.botToken, OAUTH_CLIENT.secret, TOKEN_KEY_HEX, STATE_SECRET]) expect(logged).not.toContain(secret);
      // Nor the one-time code (the SDK logs the oauth.v2.access body at debug level).
      expect(logged).toContain('oauth.v2.access');
      expect(logged).not.toMatch(/fake-code-\d/);
    });

    test('a mention from the installed workspace is answered with that workspace’s token', async () => {
      expect((await postEvent(r.adapter, mention(ACME, 'C0ACME1'))).status).toBe(200);
      const post = await r.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'C0ACME1');
      expect(post.authorization).toBe(`Bearer ${ACME.botToken}`);
      expect(String(post.params.text)).toContain('¶1');
    });

    test('a second workspace installs too and is answered with its own token, the first still with its own', async () => {
      expect((await install(r, GLOBEX)).status).toBe(200);
      expect((await r.rows()).map((row) => row['team_id']).sort()).toEqual([ACME.teamId, GLOBEX.teamId].sort());

      await postEvent(r.adapter, mention(GLOBEX, 'C0GLOBX1'));
      await postEvent(r.adapter, mention(ACME, 'C0ACME2'));
      const globex = await r.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'C0GLOBX1');
      const acme = await r.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'C0ACME2');
      expect(globex.authorization).toBe(`Bearer ${GLOBEX.botToken}`);
      expect(acme.authorization).toBe(`Bearer ${ACME.botToken}`);
    });

    test('a mention from a workspace that never installed is acknowledged and not answered', async () => {
      const stranger: FakeWorkspace = { teamId: 'T0STRNG9', teamName: 'stranger', botToken: 'xoxb-none', botUserId: 'UBOTSTRN', botId: 'BBOTSTRN' };
      expect((await postEvent(r.adapter, mention(stranger, 'C0STRNG1'))).status).toBe(200);
      await logged(
        r,
        (l) => l.msg?.includes('without a usable installation') === true && String(l['reason']).includes(stranger.teamId),
        'the ignored-request log line',
      );
      expect(r.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === 'C0STRNG1')).toHaveLength(0);
    });

    test('app_uninstalled deletes the workspace’s installation; its mentions are no longer answered, the other workspace’s still are', async () => {
      expect((await postEvent(r.adapter, lifecycleEvent(GLOBEX, { type: 'app_uninstalled', event_ts: String(Date.now() / 1000) }))).status).toBe(200);
      await logged(r, (l) => l['event'] === 'app_uninstalled' && l['deleted'] === true, 'the uninstall log line');
      expect((await r.rows()).map((row) => row['team_id'])).toEqual([ACME.teamId]);

      await postEvent(r.adapter, mention(GLOBEX, 'C0GLOBX2'));
      await logged(
        r,
        (l) => l.msg?.includes('without a usable installation') === true && String(l['reason']).includes(GLOBEX.teamId),
        'the ignored-request log line',
      );
      await postEvent(r.adapter, mention(ACME, 'C0ACME3'));
      const acme = await r.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'C0ACME3');
      expect(acme.authorization).toBe(`Bearer ${ACME.botToken}`);
      expect(r.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === 'C0GLOBX2')).toHaveLength(0);
    });

    test('tokens_revoked for the bot deletes the installation; a revocation of user tokens only does not', async () => {
      await postEvent(r.adapter, lifecycleEvent(ACME, { type: 'tokens_revoked', tokens: { oauth: ['U0SOMEONE'] }, event_ts: String(Date.now() / 1000) }));
      await postEvent(r.adapter, lifecycleEvent(ACME, { type: 'tokens_revoked', tokens: { bot: [ACME.botUserId] }, event_ts: String(Date.now() / 1000) }));
      await logged(r, (l) => l['event'] === 'tokens_revoked' && l['deleted'] === true, 'the revocation log line');
      expect(r.lines.filter((l) => l['event'] === 'tokens_revoked')).toHaveLength(1);
      expect(await r.rows()).toHaveLength(0);

      // Installing again brings it back.
      expect((await install(r, ACME)).status).toBe(200);
      expect(await r.rows()).toHaveLength(1);
    });
  });
}

let sqliteDir: string | undefined;
suite(
  'SQLite (DATA_DIR)',
  () => {
    sqliteDir = mkdtempSync(join(tmpdir(), 'pilcrow-oauth-'));
    const file = join(sqliteDir, 'pilcrow.sqlite');
    return {
      env: { DATA_DIR: sqliteDir },
      async rows() {
        const db = new Database(file, { readonly: true });
        try {
          return db.prepare('select * from slack_installations').all() as Array<Record<string, unknown>>;
        } finally {
          db.close();
        }
      },
      async cleanup() {
        rmSync(sqliteDir!, { recursive: true, force: true });
      },
    };
  },
  () => null,
);

let pgSkip: string | null = null;
beforeAll(async () => {
  pgSkip = await postgresUnavailable();
});
suite(
  'PostgreSQL (DATABASE_URL)',
  () => {
    const schema = uniqueSchema();
    return {
      env: { DATABASE_URL: POSTGRES_URL },
      location: { kind: 'postgres', url: POSTGRES_URL, schema },
      async rows() {
        const client = new pg.Client({ connectionString: POSTGRES_URL });
        await client.connect();
        try {
          return (await client.query(`select * from "${schema}".slack_installations`)).rows as Array<Record<string, unknown>>;
        } finally {
          await client.end();
        }
      },
      async cleanup() {
        await dropSchema(schema);
      },
    };
  },
  () => pgSkip,
);

describe('Slack many workspaces: configuration', () => {
  const base = {
    SLACK_CLIENT_ID: OAUTH_CLIENT.id,
    SLACK_CLIENT_SECRET: OAUTH_CLIENT.secret,
    SLACK_STATE_SECRET: STATE_SECRET,
    SLACK_TOKEN_KEY: TOKEN_KEY_HEX,
    SLACK_SIGNING_SECRET: 's',
  };

  it('turns OAuth on with SLACK_CLIENT_ID, with the manifest’s scopes unless SLACK_SCOPES says otherwise', () => {
    const slack = loadConfig(base).slack!;
    expect(slack.botToken).toBeUndefined();
    expect(slack.oauth).toMatchObject({ clientId: OAUTH_CLIENT.id, scopes: OAUTH_SCOPES.split(',') });
    expect(slack.oauth!.tokenKey.equals(Buffer.from(TOKEN_KEY_HEX, 'hex'))).toBe(true);
    expect(loadConfig({ ...base, SLACK_SCOPES: 'chat:write, commands' }).slack!.oauth!.scopes).toEqual(['chat:write', 'commands']);
  });

  it('asks at install for exactly the bot scopes of slack-manifest.json', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'slack-manifest.json'), 'utf8')) as { oauth_config: { scopes: { bot: string[] } } };
    expect([...DEFAULT_SLACK_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
  });

  it('takes SLACK_TOKEN_KEY as 64 hex digits or as base64 of 32 bytes, and refuses anything else without showing it', () => {
    const key = Buffer.alloc(32, 7);
    expect(loadConfig({ ...base, SLACK_TOKEN_KEY: key.toString('base64') }).slack!.oauth!.tokenKey.equals(key)).toBe(true);
    expect(loadConfig({ ...base, SLACK_TOKEN_KEY: key.toString('base64url') }).slack!.oauth!.tokenKey.equals(key)).toBe(true);
    for (const bad of ['too-short-key', 'ab'.repeat(16), Buffer.alloc(24, 1).toString('base64')]) {
      const message = configError({ ...base, SLACK_TOKEN_KEY: bad });
      expect(message).toMatch(/SLACK_TOKEN_KEY .*32 bytes.*openssl rand -hex 32/);
      expect(message).not.toContain(bad);
    }
  });

  it('names each missing setting when SLACK_CLIENT_ID is set, SLACK_TOKEN_KEY with how to make one', () => {
    expect(configError({ ...base, SLACK_TOKEN_KEY: '' })).toMatch(/SLACK_TOKEN_KEY is required when SLACK_CLIENT_ID is set .*encrypts .*openssl rand -hex 32/);
    expect(configError({ ...base, SLACK_CLIENT_SECRET: '' })).toMatch(/SLACK_CLIENT_SECRET is required when SLACK_CLIENT_ID is set/);
    expect(configError({ ...base, SLACK_STATE_SECRET: '' })).toMatch(/SLACK_STATE_SECRET is required .*openssl rand -hex 32/);
    expect(configError({ ...base, SLACK_SIGNING_SECRET: '' })).toMatch(/SLACK_SIGNING_SECRET is required .*HTTP mode/);
  });

  it('refuses OAuth mixed with a fixed bot token or Socket Mode, and OAuth secrets without SLACK_CLIENT_ID', () => {
    expect(configError({ ...base, SLACK_BOT_TOKEN: 'xoxb-1' })).toMatch(
      /SLACK_BOT_TOKEN is set, but with SLACK_CLIENT_ID .*: empty SLACK_BOT_TOKEN, or unset SLACK_CLIENT_ID/,
    );
    expect(configError({ ...base, SLACK_APP_TOKEN: 'xapp-1' })).toMatch(
      /SLACK_APP_TOKEN is set, but with SLACK_CLIENT_ID .*HTTP mode.*: empty SLACK_APP_TOKEN/,
    );
    expect(configError({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_TOKEN_KEY: TOKEN_KEY_HEX })).toMatch(
      /SLACK_TOKEN_KEY is set but SLACK_CLIENT_ID is not/,
    );
  });
});

describe('Slack many workspaces: installations at rest', () => {
  it('a row opens only with the key it was sealed with, and only in its own row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pilcrow-oauth-key-'));
    const location: LogLocation = { kind: 'sqlite', file: join(dir, 'pilcrow.sqlite') };
    try {
      const store = await SqlInstallations.open(location, Buffer.from(TOKEN_KEY_HEX, 'hex'));
      await store.put({ teamId: ACME.teamId }, { appId: 'A1', botUserId: ACME.botUserId }, { bot: { token: ACME.botToken } });
      await store.put({ teamId: GLOBEX.teamId }, { appId: 'A1', botUserId: GLOBEX.botUserId }, { bot: { token: GLOBEX.botToken } });
      expect(await store.count()).toBe(2);
      expect(await store.get({ teamId: 'T0NOBODY' })).toBeUndefined();
      await store.close();

      // Another key: the error names SLACK_TOKEN_KEY and never shows the token.
      const otherKey = await SqlInstallations.open(location, Buffer.alloc(32, 9));
      const wrong = await otherKey.get({ teamId: ACME.teamId }).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      await otherKey.close();
      expect(wrong?.message).toMatch(/cannot be decrypted: SLACK_TOKEN_KEY is not the key it was stored with/);
      expect(wrong?.message).not.toContain(ACME.botToken);

      // One workspace's sealed value copied into another's row does not open there.
      const sqlite = new Database(location.file);
      sqlite
        .prepare('update slack_installations set sealed = (select sealed from slack_installations where team_id = ?) where team_id = ?')
        .run(ACME.teamId, GLOBEX.teamId);
      sqlite.close();
      const store2 = await SqlInstallations.open(location, Buffer.from(TOKEN_KEY_HEX, 'hex'));
      expect(await store2.get({ teamId: ACME.teamId })).toEqual({ bot: { token: ACME.botToken } });
      await expect(store2.get({ teamId: GLOBEX.teamId })).rejects.toThrow(/cannot be decrypted/);
      expect(await store2.delete({ teamId: GLOBEX.teamId })).toBe(true);
      expect(await store2.delete({ teamId: GLOBEX.teamId })).toBe(false);
      await store2.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Slack many workspaces: npm start', () => {
  it('without SLACK_TOKEN_KEY stops at once with exit code 2, naming it and how to make one', () => {
    const run = spawnSync('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: isolatedEnv({
        CONTENT_DIR,
        SLACK_CLIENT_ID: OAUTH_CLIENT.id,
        SLACK_CLIENT_SECRET: OAUTH_CLIENT.secret,
        SLACK_STATE_SECRET: STATE_SECRET,
        SLACK_SIGNING_SECRET: 's',
      }),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/SLACK_TOKEN_KEY is required when SLACK_CLIENT_ID is set .*openssl rand -hex 32/);
  });

  it('serves /slack/install on PORT with the installations in DATA_DIR', async () => {
    const fake = await new FakeSlack().start();
    const dataDir = mkdtempSync(join(tmpdir(), 'pilcrow-oauth-start-'));
    const port = await freePort();
    const started = npmStart({ ...oauthEnv(fake, { DATA_DIR: dataDir }), PORT: String(port), LOG_LEVEL: 'info' } as Record<string, string>);
    try {
      await started.waitForLine((l) => l['msg'] === 'slack listening (HTTP mode, many workspaces)', 30_000);
      const res = await fetch(`http://127.0.0.1:${port}${INSTALL_PATH}`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toContain(`client_id=${OAUTH_CLIENT.id}`);
      const sqlite = new Database(join(dataDir, 'pilcrow.sqlite'), { readonly: true });
      expect(sqlite.prepare('select count(*) as n from slack_installations').get()).toEqual({ n: 0 });
      sqlite.close();
      expect(JSON.stringify(started.lines)).not.toContain(TOKEN_KEY_HEX);
    } finally {
      await started.killAll();
      await fake.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
