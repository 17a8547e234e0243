import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'dotenv';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/runtime/config.js';
import { isolatedEnv } from '../fixtures/isolated.js';
import { configError } from '../helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('configuration', () => {
  it('defaults to the terminal chat on content/ with no platform', () => {
    const c = loadConfig({});
    expect(c.discord).toBeUndefined();
    expect(c.slack).toBeUndefined();
    expect(c.contentDir).toMatch(/content$/);
    expect(c.maxQuestionChars).toBe(2000);
    expect(c.rateLimitPerMinute).toBe(10);
  });

  it('accepts .env.example as it is: empty values mean defaults', () => {
    const env = parse(readFileSync(fileURLToPath(new URL('../../.env.example', import.meta.url))));
    const c = loadConfig(env);
    expect(c.discord).toBeUndefined();
    expect(c.slack).toBeUndefined();
    expect(c.logLevel).toBeUndefined();
  });

  it('reads Discord and Slack settings', () => {
    const c = loadConfig({
      DISCORD_TOKEN: 'abc',
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_API_BASE: 'http://127.0.0.1:9999/api',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      RATE_LIMIT_PER_MINUTE: '30',
    });
    expect(c.discord).toEqual({ token: 'abc', applicationId: '123456789012345678', apiBase: 'http://127.0.0.1:9999/api' });
    expect(c.slack).toMatchObject({ botToken: 'xoxb-1', appToken: 'xapp-1', port: 3000 });
    expect(c.rateLimitPerMinute).toBe(30);
  });

  it('names the variable and what is expected, in one line', () => {
    const cases: Array<[NodeJS.ProcessEnv, RegExp]> = [
      [{ RATE_LIMIT_PER_MINUTE: 'lots' }, /RATE_LIMIT_PER_MINUTE .*a whole number from 1 to 10000 \(value not shown; 4 characters\)/],
      [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL .*one of fatal, error/],
      [{ DISCORD_TOKEN: 't' }, /DISCORD_APPLICATION_ID is required when DISCORD_TOKEN is set/],
      [{ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: 'app' }, /DISCORD_APPLICATION_ID .*snowflake/],
      [{ SLACK_BOT_TOKEN: 'nope' }, /SLACK_BOT_TOKEN .*starting with xoxb-/],
      [
        { SLACK_BOT_TOKEN: 'xoxb-1' },
        /SLACK_SIGNING_SECRET is required when SLACK_BOT_TOKEN is set without SLACK_APP_TOKEN: set SLACK_APP_TOKEN .*Socket Mode.* or SLACK_SIGNING_SECRET for HTTP mode/,
      ],
      [{ SLACK_API_URL: 'slack.com' }, /SLACK_API_URL .*http\(s\) URL/],
    ];
    for (const [env, pattern] of cases) {
      const message = configError(env);
      expect(message).toMatch(pattern);
      expect(message).not.toContain('\n');
    }
  });

  it('reads the limits for articles added from chat, and who may add them', () => {
    expect(loadConfig({}).ingest).toEqual({ allowPrivate: false, privateHosts: [], maxBytes: 5_000_000, timeoutMs: 20_000 });
    const c = loadConfig({
      ALLOW_PRIVATE_URLS: '1',
      PRIVATE_URL_HOSTS: 'Wiki.Intranet, docs.local',
      MAX_ARTICLE_BYTES: '100000',
      ARTICLE_FETCH_TIMEOUT_MS: '5000',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_ADMINS: 'U1, U2',
      DISCORD_TOKEN: 'abc',
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_ADD_PERMISSION: 'ManageGuild',
    });
    expect(c.ingest).toEqual({ allowPrivate: true, privateHosts: ['wiki.intranet', 'docs.local'], maxBytes: 100_000, timeoutMs: 5_000 });
    expect(c.slack?.admins).toEqual(['U1', 'U2']);
    expect(c.discord?.addPermission).toBe('ManageGuild');
    expect(configError({ ALLOW_PRIVATE_URLS: 'yes please' })).toMatch(/ALLOW_PRIVATE_URLS .*expected 1 or 0/);
    expect(configError({ MAX_ARTICLE_BYTES: '0' })).toMatch(/MAX_ARTICLE_BYTES .*whole number/);
  });

  it('reads the per-tenant caps, unset meaning no limit', () => {
    expect(loadConfig({ TENANT_MAX_ARTICLES: '', TENANT_MAX_BYTES: '' }).ingest).not.toHaveProperty('tenantMaxArticles');
    expect(loadConfig({ TENANT_MAX_ARTICLES: '20', TENANT_MAX_BYTES: '10000000' }).ingest).toMatchObject({ tenantMaxArticles: 20, tenantMaxBytes: 10_000_000 });
    expect(configError({ TENANT_MAX_ARTICLES: 'lots' })).toMatch(/TENANT_MAX_ARTICLES .*whole number from 1 .*no limit/);
  });

  it('never echoes a token in an error', () => {
    expect(configError({ SLACK_BOT_TOKEN: 'secret-value' })).not.toContain('secret-value');
  });

  it('never echoes the bad value, whichever variable a token was pasted into', () => {
    const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.pasted-bot-token-0123456789abcdef';
    for (const name of [
      'DISCORD_APPLICATION_ID',
      'DISCORD_GUILD_ID',
      'PORT',
      'SLACK_API_URL',
      'DISCORD_API_BASE',
      'LOG_LEVEL',
      'MAX_QUESTION_CHARS',
      'RATE_LIMIT_PER_MINUTE',
    ]) {
      const message = configError({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123456789012345678', [name]: token });
      expect(message, name).toContain(name);
      expect(message, name).not.toContain('pasted-bot-token');
      expect(message, name).not.toContain('MTIzNDU2');
    }
  });
});

describe('start-up', () => {
  const start = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: isolatedEnv(env, { PATH: process.env['PATH'] ?? '' }),
      input: '',
      encoding: 'utf8',
      timeout: 20_000,
    });

  it('stops on a bad value with a one-line message and exit code 2 (configuration), no stack trace', () => {
    const r = start({ RATE_LIMIT_PER_MINUTE: '-3' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/^Invalid configuration: RATE_LIMIT_PER_MINUTE/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('stops on an empty content directory, naming it and the fix', () => {
    const r = start({ CONTENT_DIR: fileURLToPath(new URL('../fixtures/empty-content', import.meta.url)) });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/empty-content: no articles\. Add at least one \.md file/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('opens the terminal chat by default and answers from stdin', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: isolatedEnv({ NO_COLOR: '1' }, { PATH: process.env['PATH'] ?? '' }),
      input: 'What is FEB?\nexit\n',
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('To connect Discord or Slack');
    expect(r.stdout).toContain('¶1');
    expect(r.stdout).toContain('Far East Battery (FEB)');
  });
});
