/**
 * The two store addresses, `REDIS_URL` and `DATABASE_URL`, checked strictly at start-up with the
 * WHATWG URL parser. ioredis parses a URL string with Node's legacy `url.parse`, which accepts
 * what it cannot read (falling back to 127.0.0.1:6379), throws a URIError on a bad percent
 * escape and can print the whole URL, password included, in a deprecation warning; so Redis is
 * given the parsed parts instead, never the string. No message here contains the URL.
 */

/** Why `value` is not a usable Redis URL, or `undefined` when it is. */
export function redisUrlProblem(value: string): string | undefined {
  const u = parse(value);
  if (!u) return 'is not a URL';
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') return 'must start with redis:// or rediss:// (TLS)';
  if (u.hostname === '') return 'names no host';
  if (!/^(?:\/?|\/\d{1,2})$/.test(u.pathname)) return 'may end only in a database number (/0 to /99)';
  if (u.search !== '' || u.hash !== '') return 'must not carry ?options or #fragment';
  return credentialsProblem(u);
}

/** Why `value` is not a usable PostgreSQL URL, or `undefined` when it is. */
export function postgresUrlProblem(value: string): string | undefined {
  const u = parse(value);
  if (!u) return 'is not a URL';
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') return 'must start with postgres:// or postgresql://';
  // A Unix socket is named in ?host=/path, with an empty host part.
  if (u.hostname === '' && !u.searchParams.get('host')) return 'names no host';
  if (!/^(?:\/?|\/[^/]+)$/.test(u.pathname)) return 'must name at most one database after the host';
  return credentialsProblem(u);
}

/** ioredis connection options from a URL that passed `redisUrlProblem`. */
export function redisConnection(value: string): { host: string; port: number; username?: string; password?: string; db?: number; tls?: object } {
  const u = new URL(value);
  return {
    // WHATWG keeps an IPv6 literal's brackets; a socket wants the bare address.
    host: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: u.port === '' ? 6379 : Number(u.port),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.pathname.length > 1 ? { db: Number(u.pathname.slice(1)) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

function parse(value: string): URL | undefined {
  if (/\s/.test(value)) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

function credentialsProblem(u: URL): string | undefined {
  try {
    decodeURIComponent(u.username);
    decodeURIComponent(u.password);
  } catch {
    return 'has a user name or password with a broken %-escape (write % as %25)';
  }
  return undefined;
}
