/**
 * Telling every instance that an article was added or removed: Redis pub/sub when REDIS_URL is
 * set, else PostgreSQL LISTEN/NOTIFY, else nothing (one instance on SQLite has no one to tell).
 * A message only says what changed; a listener reads the library from the database, so a lost
 * message costs freshness, never correctness — and after a reconnect, listeners are told to
 * read it all again (`undefined`), since messages sent meanwhile are gone.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { StoreLogger } from './redis.js';
import { redisConnection } from './urls.js';

/** One change to the added articles. `origin` is the instance that made it. */
export interface LibraryChange {
  op: 'added' | 'removed';
  id: string;
  origin: string;
}

/** Told of each change, or of a reconnect (`undefined`: re-read everything). */
export type LibraryListener = (change: LibraryChange | undefined) => void;

/** The channel changes travel on. */
export interface LibraryEvents {
  readonly kind: 'redis' | 'postgres' | 'none';
  /** This instance's id, the `origin` of the changes it publishes. */
  readonly origin: string;
  /** Tells every instance (this one included). Failures are logged, never thrown. */
  publish(change: Omit<LibraryChange, 'origin'>): Promise<void>;
  close(): Promise<void>;
}

/** Backing off to one reconnect every 5 s, as the Redis state store does. */
const backoff = (times: number) => Math.min(100 * 2 ** Math.min(times, 6), 5_000);

/** No other instance: nothing to send. */
export function noLibraryEvents(): LibraryEvents {
  return { kind: 'none', origin: randomUUID(), publish: async () => {}, close: async () => {} };
}

/** Pub/sub on `${prefix}library` (one subscriber connection, one for publishing). */
export async function redisLibraryEvents(options: { url: string; prefix: string; onChange: LibraryListener; logger: StoreLogger }): Promise<LibraryEvents> {
  const { logger, onChange } = options;
  const channel = `${options.prefix}library`;
  const origin = randomUUID();
  const base = { ...redisConnection(options.url), lazyConnect: true, connectTimeout: 2_000, retryStrategy: backoff };
  // Named, so an operator (or a test) can tell the instance's subscriber in CLIENT LIST.
  const sub = new Redis({ ...base, connectionName: `pilcrow-library:${origin}` });
  const pub = new Redis({ ...base, enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 2_000 });
  for (const client of [sub, pub]) client.on('error', () => undefined);
  let readies = 0;
  sub.on('ready', () => {
    // ioredis subscribes again by itself; what was published while away is read from the database.
    if (readies++ > 0) logger.info({ event: 'library_events_back', via: 'redis' }, 'library change channel back; re-reading the added articles');
    onChange(undefined);
  });
  sub.on('message', (_channel: string, message: string) => {
    const change = parseChange(message);
    if (change) onChange(change);
  });
  // Neither waits for a server that is down: start-up goes on, and the subscription (queued)
  // happens when Redis answers, followed by a re-read.
  await Promise.allSettled([sub.connect(), pub.connect()]);
  sub
    .subscribe(channel)
    .catch((err: unknown) => logger.warn({ event: 'library_events_down', via: 'redis', err: String(err) }, 'cannot subscribe to library changes'));
  return {
    kind: 'redis',
    origin,
    publish: publisher('redis', origin, logger, async (payload) => void (await pub.publish(channel, payload))),
    async close() {
      sub.disconnect();
      pub.disconnect();
    },
  };
}

/**
 * LISTEN on a dedicated connection (a pool would hand it back), NOTIFY through `notify` (the
 * library's pool). The connection is re-opened when lost, backing off to every 5 s.
 */
export async function postgresLibraryEvents(options: {
  url: string;
  /** The library's schema: instances of one deployment share it, other deployments do not. */
  schema: string;
  notify: (channel: string, payload: string) => Promise<void>;
  onChange: LibraryListener;
  logger: StoreLogger;
}): Promise<LibraryEvents> {
  const { logger, onChange } = options;
  // Identifiers are at most 63 bytes; the schema name is checked to be [a-z0-9_].
  const channel = `pilcrow_library_${options.schema}`.slice(0, 63);
  const origin = randomUUID();
  let client: pg.Client | undefined;
  let closed = false;
  let attempts = 0;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (again: boolean): Promise<void> => {
    // Named, so an operator (or a test) can tell the instance's listener in pg_stat_activity.
    const c = new pg.Client({ connectionString: options.url, connectionTimeoutMillis: 5_000, application_name: `pilcrow-library:${origin}` });
    const lost = () => {
      if (client !== c || closed) return;
      client = undefined;
      logger.warn({ event: 'library_events_down', via: 'postgres' }, 'library change listener lost its connection; reconnecting');
      schedule();
    };
    c.on('error', lost);
    c.on('end', lost);
    c.on('notification', (n) => {
      const change = n.channel === channel && n.payload ? parseChange(n.payload) : undefined;
      if (change) onChange(change);
    });
    try {
      await c.connect();
      await c.query(`LISTEN "${channel}"`);
    } catch (err) {
      c.removeAllListeners('end');
      await c.end().catch(() => undefined);
      if (!again) logger.warn({ event: 'library_events_down', via: 'postgres', err: String(err) }, 'cannot listen for library changes yet; retrying');
      schedule();
      return;
    }
    if (closed) {
      await c.end().catch(() => undefined);
      return;
    }
    client = c;
    attempts = 0;
    if (again) {
      logger.info({ event: 'library_events_back', via: 'postgres' }, 'library change listener back; re-reading the added articles');
      onChange(undefined);
    }
  };
  const schedule = () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => void connect(true), backoff(++attempts));
  };
  await connect(false);
  return {
    kind: 'postgres',
    origin,
    publish: publisher('postgres', origin, logger, (payload) => options.notify(channel, payload)),
    async close() {
      closed = true;
      clearTimeout(timer);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}

/**
 * Tells the other instances of `change` through `send`; a failure is logged, never thrown (they
 * pick the change up on their next re-read).
 */
function publisher(via: LibraryEvents['kind'], origin: string, logger: StoreLogger, send: (payload: string) => Promise<void>): LibraryEvents['publish'] {
  return async (change) => {
    try {
      await send(JSON.stringify({ ...change, origin }));
    } catch (err) {
      logger.warn(
        { event: 'library_publish_failed', via, err: String(err), ...change },
        'could not tell other instances of a library change; they pick it up on their next re-read',
      );
    }
  };
}

function parseChange(message: string): LibraryChange | undefined {
  try {
    const v = JSON.parse(message) as Partial<LibraryChange>;
    if ((v.op === 'added' || v.op === 'removed') && typeof v.id === 'string' && typeof v.origin === 'string') return { op: v.op, id: v.id, origin: v.origin };
  } catch {
    // Not ours: ignored.
  }
  return undefined;
}
