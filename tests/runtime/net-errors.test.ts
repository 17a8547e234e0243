/** Which failures count as "the network", as the SDKs wrap them. */
import { describe, expect, it } from 'vitest';
import { networkFailure } from '../../src/runtime/net-errors.js';

const coded = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('networkFailure', () => {
  it('finds a DNS failure inside fetch’s "fetch failed" (undici: the code is on the cause)', () => {
    const error = new TypeError('fetch failed', { cause: coded('ENOTFOUND', 'getaddrinfo ENOTFOUND discord.com') });
    expect(networkFailure(error)).toBe('DNS lookup failed (ENOTFOUND)');
    expect(networkFailure(new Error('wrapped', { cause: new TypeError('fetch failed', { cause: coded('EAI_AGAIN') }) }))).toBe('DNS lookup failed (EAI_AGAIN)');
  });

  it('finds it on a Slack Web API request error (the SDK keeps it as `original`)', () => {
    const error = Object.assign(new Error('A request error occurred: connect ECONNREFUSED'), {
      code: 'slack_webapi_request_error',
      original: coded('ECONNREFUSED'),
    });
    expect(networkFailure(error)).toBe('connection refused (ECONNREFUSED)');
  });

  it('looks inside an AggregateError of one failure per address', () => {
    const error = new TypeError('fetch failed', { cause: new AggregateError([coded('ENETUNREACH'), coded('ECONNREFUSED')]) });
    expect(networkFailure(error)).toBe('network unreachable (ENETUNREACH)');
  });

  it('is undefined for a refused credential or any other error', () => {
    expect(networkFailure(Object.assign(new Error('An invalid token was provided.'), { code: 'TokenInvalid' }))).toBeUndefined();
    expect(networkFailure(Object.assign(new Error('An API error occurred: invalid_auth'), { code: 'slack_webapi_platform_error' }))).toBeUndefined();
    expect(networkFailure('nope')).toBeUndefined();
  });
});
