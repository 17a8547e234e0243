/**
 * REDIS_URL and DATABASE_URL are checked at start-up: a malformed one stops the process with
 * one line naming the variable, never its password, and a non-zero exit. (ioredis used to read
 * such a URL with the legacy `url.parse`, fall back to 127.0.0.1:6379 and print the URL.)
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { redisConnection } from '../../src/store/urls.js';
import { isolatedEnv } from '../fixtures/isolated.js';
import { configError } from '../helpers.js';
import { ROOT } from '../runtime/spawn.js';

const PASSWORD = 'hunter2-Sekrit';

const BAD_REDIS = [
  `redis://:${PASSWORD}@cache:6379x`,
  `redis://:${PASSWORD}@ca che:6379`,
  `redis://:${PASSWORD}%zz@cache:6379`,
  `redis://:${PASSWORD}@:6379`,
  `redis://:${PASSWORD}@cache:6379/not-a-db`,
  `http://:${PASSWORD}@cache:6379`,
  `redis://:${PASSWORD}@cache:99999`,
  `${PASSWORD}@cache:6379`,
];
const BAD_POSTGRES = [
  `postgres://app:${PASSWORD}@db:54x2/pilcrow`,
  `postgres://app:${PASSWORD}%@db:5432/pilcrow`,
  `postgres://app:${PASSWORD}@/pilcrow`,
  `postgres://app:${PASSWORD}@db:5432/pilcrow/extra`,
  `mysql://app:${PASSWORD}@db/pilcrow`,
];

describe('store URLs at start-up', () => {
  it.each(BAD_REDIS)('refuses REDIS_URL %s without showing it', (url) => {
    const message = configError({ REDIS_URL: url });
    expect(message).toMatch(/^Invalid configuration: REDIS_URL .*expected redis:\/\//);
    expect(message).not.toContain(PASSWORD);
    expect(message).not.toContain('cache');
  });

  it.each(BAD_POSTGRES)('refuses DATABASE_URL %s without showing it', (url) => {
    const message = configError({ DATABASE_URL: url });
    expect(message).toMatch(/^Invalid configuration: DATABASE_URL .*expected postgres:\/\//);
    expect(message).not.toContain(PASSWORD);
  });

  it('accepts the usual forms and hands ioredis the decoded parts, not the string', () => {
    expect(() => configError({ REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' })).toThrow(
      /expected a ConfigError/,
    );
    expect(() =>
      configError({ REDIS_URL: 'rediss://user:p%40ss@[::1]/2', DATABASE_URL: 'postgresql://app:p%40ss@db.internal/pilcrow?sslmode=require' }),
    ).toThrow(/expected a ConfigError/);
    expect(redisConnection('rediss://user:p%40ss@[::1]/2')).toEqual({ host: '::1', port: 6379, username: 'user', password: 'p@ss', db: 2, tls: {} });
    expect(redisConnection('redis://cache:6380')).toEqual({ host: 'cache', port: 6380 });
  });

  it.each([
    ['REDIS_URL', `redis://:${PASSWORD}%zz@cache:6379`],
    ['DATABASE_URL', `postgres://app:${PASSWORD}@db:54x2/pilcrow`],
  ])('a malformed %s stops the process with one line, exit 2, and no password anywhere', (name, url) => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: isolatedEnv({ [name]: url }, { PATH: process.env['PATH'] ?? '' }),
      input: '',
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^Invalid configuration: ${name} `))]);
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);
  });
});
