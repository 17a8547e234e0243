/** The deployment settings: health port, shutdown grace, Redis, shards, pretty logs. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/runtime/config.js';
import { configError } from '../helpers.js';

describe('deployment configuration', () => {
  it('defaults: no health server, 10 s grace, state in memory, one shard', () => {
    const c = loadConfig({});
    expect(c.healthPort).toBeUndefined();
    expect(c.shutdownGraceMs).toBe(10_000);
    expect(c.redis).toBeUndefined();
    expect(c.logPretty).toBeUndefined();
  });

  it('reads HEALTH_PORT, SHUTDOWN_GRACE_MS, REDIS_URL, REDIS_PREFIX, DISCORD_SHARDS and LOG_PRETTY', () => {
    const c = loadConfig({
      HEALTH_PORT: '8080',
      SHUTDOWN_GRACE_MS: '2500',
      REDIS_URL: 'redis://cache:6379/1',
      REDIS_PREFIX: 'team-a:',
      DISCORD_TOKEN: 't',
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_SHARDS: '4',
      LOG_PRETTY: '1',
    });
    expect(c).toMatchObject({ healthPort: 8080, shutdownGraceMs: 2500, redis: { url: 'redis://cache:6379/1', prefix: 'team-a:' }, logPretty: true });
    expect(c.discord?.shards).toBe(4);
    expect(loadConfig({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123456789012345678', DISCORD_SHARDS: 'auto' }).discord?.shards).toBe('auto');
    expect(loadConfig({ REDIS_URL: 'rediss://u:p@host:6380' }).redis).toEqual({ url: 'rediss://u:p@host:6380', prefix: 'pilcrow:' });
  });

  it('names the variable for bad values, and never echoes a Redis URL (it may hold a password)', () => {
    expect(configError({ HEALTH_PORT: '99999' })).toMatch(/^Invalid configuration: HEALTH_PORT .*port number/);
    expect(configError({ SHUTDOWN_GRACE_MS: 'soon' })).toMatch(/SHUTDOWN_GRACE_MS/);
    expect(configError({ DISCORD_SHARDS: 'many' })).toMatch(/DISCORD_SHARDS .*"auto" or a number/);
    const redis = configError({ REDIS_URL: 'http://user:hunter2@cache:6379' });
    expect(redis).toMatch(/REDIS_URL .*redis:\/\/host:6379/);
    expect(redis).not.toContain('hunter2');
  });
});
