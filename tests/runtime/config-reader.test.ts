/** PUBLIC_URL, READER_SECRET and READER_LINK_TTL_HOURS: the reader page's settings. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/runtime/config.js';
import { configError } from '../helpers.js';

const SECRET = '0123456789abcdef'.repeat(4);

describe('reader configuration', () => {
  it('has no reader without PUBLIC_URL', () => {
    expect(loadConfig({}).reader).toBeUndefined();
    expect(loadConfig({ READER_SECRET: SECRET }).reader).toBeUndefined();
  });

  it('reads PUBLIC_URL (trailing slash dropped), the secret and the link lifetime, default 720 hours', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://pilcrow.example.org/', READER_SECRET: SECRET, HEALTH_PORT: '8080' }).reader).toEqual({
      publicUrl: 'https://pilcrow.example.org',
      secret: SECRET,
      ttlHours: 720,
    });
    expect(loadConfig({ PUBLIC_URL: 'http://10.0.0.5:8080/pilcrow', READER_SECRET: SECRET, READER_LINK_TTL_HOURS: '24', HEALTH_PORT: '8080' }).reader).toEqual({
      publicUrl: 'http://10.0.0.5:8080/pilcrow',
      secret: SECRET,
      ttlHours: 24,
    });
  });

  it('requires READER_SECRET with PUBLIC_URL, saying how to make one', () => {
    const message = configError({ PUBLIC_URL: 'https://pilcrow.example.org', HEALTH_PORT: '8080' });
    expect(message).toMatch(/^Invalid configuration: READER_SECRET is required when PUBLIC_URL is set/);
    expect(message).toContain('openssl rand -hex 32');
  });

  it('refuses a short READER_SECRET without printing it', () => {
    const message = configError({ PUBLIC_URL: 'https://pilcrow.example.org', HEALTH_PORT: '8080', READER_SECRET: 'hunter2-hunter2' });
    expect(message).toMatch(/^Invalid configuration: READER_SECRET — expected at least 32 characters.*openssl rand -hex 32/);
    expect(message).not.toContain('hunter2');
  });

  it('refuses a PUBLIC_URL that is not a plain http(s) address', () => {
    for (const value of [
      'pilcrow.example.org',
      'ftp://example.org',
      'https://user:pw@example.org',
      'https://example.org/?a=1',
      'https://example.org/#x',
      'javascript:alert(1)',
      'https://exa mple.org',
    ]) {
      expect(configError({ PUBLIC_URL: value, READER_SECRET: SECRET, HEALTH_PORT: '8080' }), value).toMatch(
        /^Invalid configuration: PUBLIC_URL — expected the public address/,
      );
    }
  });

  it('requires an HTTP server for PUBLIC_URL to reach: HEALTH_PORT, or Slack in HTTP mode', () => {
    expect(configError({ PUBLIC_URL: 'https://pilcrow.example.org', READER_SECRET: SECRET })).toMatch(
      /^Invalid configuration: HEALTH_PORT is required when PUBLIC_URL is set/,
    );
    const slackHttp = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PUBLIC_URL: 'https://pilcrow.example.org', READER_SECRET: SECRET };
    expect(loadConfig(slackHttp).reader?.publicUrl).toBe('https://pilcrow.example.org');
  });

  it('bounds READER_LINK_TTL_HOURS to 1 hour … 1 year', () => {
    const env = { PUBLIC_URL: 'https://pilcrow.example.org', READER_SECRET: SECRET, HEALTH_PORT: '8080' };
    expect(configError({ ...env, READER_LINK_TTL_HOURS: '0' })).toMatch(
      /READER_LINK_TTL_HOURS — expected hours a reader link stays valid, a whole number from 1 to 8760/,
    );
    expect(configError({ ...env, READER_LINK_TTL_HOURS: '9000' })).toMatch(/READER_LINK_TTL_HOURS/);
  });
});
