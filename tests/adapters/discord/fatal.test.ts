/**
 * Discord closing the gateway for good (4004: token revoked; 4014: intents refused). discord.js
 * does not reconnect after these; Pilcrow must say so in one line naming the cause and exit
 * non-zero, so a supervisor sees the failure instead of a clean exit.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../../src/adapters/discord/index.js';
import { FakeDiscord } from '../../../scripts/demo/fake-discord.js';
import { isolatedEnv } from '../../fixtures/isolated.js';
import { CONTENT_DIR } from '../../helpers.js';
import { Pilcrow } from '../../../src/core/bot/pilcrow.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
let fake: FakeDiscord | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

/** Runs `npm start`'s entry point with `env`; resolves with its exit code and stderr. */
function runMain(env: Record<string, string>, onStderr: (text: string) => void): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: isolatedEnv(env, { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += String(chunk);
      onStderr(stderr);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, stderr });
    });
  });
}

describe('Discord fatal gateway closes', () => {
  it('exits non-zero with one line naming the cause when the token is revoked mid-session (4004)', { timeout: 90_000 }, async () => {
    fake = await FakeDiscord.start();
    const f = fake;
    let closed = false;
    const result = await runMain({ DISCORD_TOKEN: 'fake-bot-token', DISCORD_APPLICATION_ID: '100000000000000001', DISCORD_API_BASE: f.apiBase }, (stderr) => {
      if (!closed && stderr.includes('adapter started')) {
        closed = true;
        f.closeGateway(4004);
      }
    });
    expect(closed).toBe(true);
    expect(result.code).toBe(2);
    const plainLines = result.stderr.split('\n').filter((l) => l.startsWith('pilcrow:'));
    expect(plainLines).toHaveLength(1);
    expect(plainLines[0]).toMatch(/4004.*token was revoked.*DISCORD_TOKEN/);
    expect(result.stderr).not.toContain('fake-bot-token');
  });

  it('a token refused at start-up exits 2, the same code as one revoked mid-session, with one line and no token', { timeout: 90_000 }, async () => {
    fake = await FakeDiscord.start();
    fake.refuseIdentifyWith = 4004;
    const started = Date.now();
    const result = await runMain({ DISCORD_TOKEN: 'fake-bot-token', DISCORD_APPLICATION_ID: '100000000000000001', DISCORD_API_BASE: fake.apiBase }, () => {});
    console.info(`refused token: exit ${result.code} after ${Date.now() - started} ms`);
    expect(result.code).toBe(2);
    const plainLines = result.stderr.split('\n').filter((l) => l.startsWith('pilcrow:') || l.startsWith('discord adapter'));
    expect(plainLines).toHaveLength(1);
    expect(plainLines[0]).toMatch(/4004.*DISCORD_TOKEN/);
    expect(result.stderr).not.toContain('fake-bot-token');
  });

  it('a token refused by the REST API at start-up (401) exits 2 as well, with one line and no token', { timeout: 90_000 }, async () => {
    fake = await FakeDiscord.start();
    fake.fail((r) => r.route === '/gateway/bot', 401);
    const started = Date.now();
    const result = await runMain({ DISCORD_TOKEN: 'fake-bot-token', DISCORD_APPLICATION_ID: '100000000000000001', DISCORD_API_BASE: fake.apiBase }, () => {});
    console.info(`token refused by REST: exit ${result.code} after ${Date.now() - started} ms`);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n').filter((l) => l.startsWith('pilcrow:'))).toEqual([expect.stringMatching(/Check DISCORD_TOKEN/)]);
    expect(result.stderr).not.toContain('fake-bot-token');
  });

  it('fails start-up on refused intents (4014) with a message about intents, not the token', async () => {
    fake = await FakeDiscord.start();
    fake.refuseIdentifyWith = 4014;
    const bot = await Pilcrow.fromDirectory(CONTENT_DIR);
    const adapter = createDiscordAdapter({
      config: { token: 'fake-bot-token', applicationId: '100000000000000001', apiBase: fake.apiBase },
      bot,
      logger: pino({ level: 'silent' }),
      rateLimitPerMinute: 5,
      clientOptions: { waitGuildTimeout: 200 },
    });
    try {
      const error = await adapter.start().then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error?.message).toMatch(/4014.*intents/);
      expect(error?.message).not.toMatch(/Check DISCORD_TOKEN/);
    } finally {
      await adapter.stop();
    }
  });
});
