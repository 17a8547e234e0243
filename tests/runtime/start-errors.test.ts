/**
 * Start-up errors name the cause: an unreachable network is not reported as a bad token, a bad
 * app-level token names SLACK_APP_TOKEN, and `discord:register` prints the invite URL first.
 */
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../src/adapters/discord/index.js';
import { createSlackAdapter } from '../../src/adapters/slack/index.js';
import { createLogger } from '../../src/runtime/logger.js';
import { FakeSlack } from '../../scripts/demo/fake-slack.js';
import { realBot } from '../adapters/slack/harness.js';
import { isolatedEnv } from '../fixtures/isolated.js';
import { freePort, ROOT } from './spawn.js';

const silent = createLogger('silent');
let fake: FakeSlack | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

describe('start-up errors', () => {
  it('Discord: a network failure says Discord cannot be reached, not "check DISCORD_TOKEN"', async () => {
    const port = await freePort();
    const adapter = createDiscordAdapter({
      config: { token: 'x', applicationId: '100000000000000001', apiBase: `http://127.0.0.1:${port}/api` },
      bot: await realBot(),
      logger: silent,
      rateLimitPerMinute: 5,
    });
    const error = await adapter.start().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    await adapter.stop(0);
    expect(error?.message).toMatch(new RegExp(`cannot reach Discord at 127\\.0\\.0\\.1:${port}: connection refused \\(ECONNREFUSED\\)`));
    expect(error?.message).not.toMatch(/Check DISCORD_TOKEN/);
  });

  it('Slack: a network failure says Slack cannot be reached, not "check SLACK_BOT_TOKEN"', async () => {
    const port = await freePort();
    const adapter = createSlackAdapter({
      config: { botToken: 'xoxb-x', signingSecret: 's', apiUrl: `http://127.0.0.1:${port}/api/`, port: 0 },
      bot: await realBot(),
      logger: silent,
      rateLimitPerMinute: 5,
      webClient: { retryConfig: { retries: 0 }, timeout: 2000 },
    });
    const error = await adapter.start().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/cannot reach Slack at 127\.0\.0\.1:\d+: connection refused \(ECONNREFUSED\)/);
    expect(error?.message).not.toMatch(/Check SLACK_BOT_TOKEN/);
  });

  it('Slack: a refused app-level token names SLACK_APP_TOKEN', async () => {
    fake = await new FakeSlack().start();
    fake.failNext('apps.connections.open', { error: 'invalid_auth' }, { error: 'invalid_auth' }, { error: 'invalid_auth' });
    const adapter = createSlackAdapter({
      config: { botToken: 'xoxb-x', appToken: 'xapp-bad', apiUrl: fake.apiUrl, port: 0 },
      bot: await realBot(),
      logger: silent,
      rateLimitPerMinute: 5,
      webClient: { retryConfig: { retries: 0 }, timeout: 2000 },
    });
    const error = await adapter.start().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    await adapter.stop(0);
    expect(error?.message).toMatch(/Socket Mode could not connect \(invalid_auth\)\. Check SLACK_APP_TOKEN/);
  });

  it('discord:register prints the invite URL even when registering cannot reach Discord', async () => {
    const port = await freePort();
    const run = spawnSync('node', ['--import', 'tsx', 'src/cli/discord-register.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      env: isolatedEnv({ DISCORD_TOKEN: 'x', DISCORD_APPLICATION_ID: '100000000000000001', DISCORD_API_BASE: `http://127.0.0.1:${port}/api` }),
    });
    expect(run.stdout).toContain('https://discord.com/oauth2/authorize?client_id=100000000000000001');
    expect(run.stderr).toMatch(/discord:register failed: cannot reach Discord at 127\.0\.0\.1:\d+: connection refused/);
    expect(run.status).toBe(1);
  });
});
