/**
 * A fake Discord for end-to-end tests of the real discord.js client: an HTTP server for the REST
 * API and a WebSocket gateway on the same 127.0.0.1 port (chosen by the OS).
 *
 * The gateway speaks just enough of the protocol: HELLO, IDENTIFY → READY + GUILD_CREATE (a text
 * channel and a thread), heartbeats, RESUME → RESUMED, and dispatches whatever the test sends. The
 * REST side records every request and answers the routes the adapter uses with plausible bodies.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { WebSocketServer, type WebSocket } from 'ws';

export const APP_ID = '100000000000000001';
export const BOT_ID = APP_ID;
export const GUILD_ID = '200000000000000001';
export const CHANNEL_ID = '300000000000000001';
export const THREAD_ID = '300000000000000002';
export const DM_CHANNEL_ID = '300000000000000009';
/** The role Discord creates for the bot when it joins a server (tags.bot_id). */
export const BOT_ROLE_ID = '200000000000000002';
export const BOT_USER = { id: BOT_ID, username: 'Pilcrow', discriminator: '0', global_name: 'Pilcrow', avatar: null, bot: true };

/** One REST request the client made. */
export interface RecordedRequest {
  method: string;
  /** The path below `/api/v10`, as sent (so `@original` appears as `%40original`). */
  route: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
  /** `performance.now()` when the request arrived. */
  at: number;
  /** The status the fake answered with. */
  status: number;
}

interface Failure {
  match: (r: RecordedRequest) => boolean;
  status: number;
}

interface Waiter {
  match: (r: RecordedRequest) => boolean;
  resolve: (r: RecordedRequest) => void;
}

const now = () => new Date().toISOString();
let snowflake = 600000000000000000n;
/** A fresh snowflake-shaped id. */
export const nextId = () => String(++snowflake);

/** The fake Discord. Create with `FakeDiscord.start()`, end with `stop()`. */
export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  /** IDENTIFY payloads (`d`) received, in order (`shard` is `[id, count]` when the client shards). */
  readonly identifies: Array<{ intents: number; token: string; shard?: [number, number] }> = [];
  /**
   * The application's flags (`GET /applications/@me`, READY): 1 << 18 is the Message Content
   * intent granted (GATEWAY_MESSAGE_CONTENT). None by default, as for a new application.
   */
  applicationFlags = 0;
  /** The shard count `GET /gateway/bot` recommends (what `shards: 'auto'` uses). */
  recommendedShards = 1;
  /** RESUME payloads (`d`) received, in order. */
  readonly resumes: Array<{ session_id: string; seq: number }> = [];
  /** When each dispatched interaction left the fake (`performance.now()`), by interaction id. */
  readonly dispatchedAt = new Map<string, number>();

  /** When set, every IDENTIFY is answered by closing the gateway with this code (e.g. 4014). */
  refuseIdentifyWith: number | undefined;

  /** Called for every recorded request (benchmarks count answers with it). */
  onRecord: ((r: RecordedRequest) => void) | undefined;

  private readonly failures: Failure[] = [];
  private readonly waiters: Waiter[] = [];
  private readonly sockets = new Set<WebSocket>();
  private readonly gatewayWaiters: Array<{ event: 'ready' | 'resumed'; resolve: () => void }> = [];
  /** Channel of each interaction token, for the messages its webhook sends. */
  private readonly tokenChannel = new Map<string, string>();
  private socket: WebSocket | undefined;
  /** The gateway connection of each shard id (sharded clients open one per shard). */
  private readonly shardSockets = new Map<number, WebSocket>();
  private sequence = 0;
  private readonly sessionId = `session-${nextId()}`;

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
    readonly port: number,
  ) {}

  /** Starts the fake on 127.0.0.1 and a free port. */
  static async start(): Promise<FakeDiscord> {
    const server = createServer();
    const wss = new WebSocketServer({ server, path: '/gateway' });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const fake = new FakeDiscord(server, wss, (server.address() as AddressInfo).port);
    server.on('request', (req, res) => void fake.onRequest(req, res));
    wss.on('connection', (socket) => fake.onConnection(socket));
    return fake;
  }

  /** The REST base to give discord.js (`rest.api`). */
  get apiBase(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  /** Answers requests matching `match` with `status` (and an error body) until `clear()`. */
  fail(match: (r: RecordedRequest) => boolean, status = 500): () => void {
    const failure = { match, status };
    this.failures.push(failure);
    return () => {
      const i = this.failures.indexOf(failure);
      if (i >= 0) this.failures.splice(i, 1);
    };
  }

  /** The first request (already recorded or yet to come) matching `match`. */
  waitForRequest(match: (r: RecordedRequest) => boolean, timeoutMs = 5_000): Promise<RecordedRequest> {
    const seen = this.requests.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`fake discord: no matching request within ${timeoutMs} ms; got:\n${this.summary()}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Requests matching `match` so far. */
  find(match: (r: RecordedRequest) => boolean): RecordedRequest[] {
    return this.requests.filter(match);
  }

  /** Sends a DISPATCH event on the current gateway connection, or on shard `shard`'s. */
  dispatch(t: string, d: unknown, shard?: number): void {
    const socket = shard === undefined ? this.socket : this.shardSockets.get(shard);
    if (!socket) throw new Error(`fake discord: no gateway connection${shard === undefined ? '' : ` for shard ${shard}`}`);
    if (t === 'INTERACTION_CREATE') {
      const i = d as { id: string; token: string; channel_id?: string };
      this.dispatchedAt.set(i.id, performance.now());
      if (i.channel_id) this.tokenChannel.set(i.token, i.channel_id);
    }
    this.send(socket, { op: 0, t, s: ++this.sequence, d });
  }

  /** Sends a DISPATCH event on every open gateway connection (two processes holding one shard). */
  broadcast(t: string, d: unknown): void {
    for (const socket of this.sockets) this.send(socket, { op: 0, t, s: ++this.sequence, d });
  }

  /** Closes the gateway socket from the server side, as Discord does on a hiccup. */
  closeGateway(code = 4000): void {
    this.socket?.close(code, 'fake discord: closing');
    this.socket = undefined;
  }

  /** Resolves on the next READY (after IDENTIFY) or RESUMED (after RESUME) sent. */
  nextGatewayEvent(event: 'ready' | 'resumed', timeoutMs = 5_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fake discord: no ${event} within ${timeoutMs} ms`)), timeoutMs);
      this.gatewayWaiters.push({
        event,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** One line per request, for failure messages. */
  summary(): string {
    return this.requests.map((r) => `${r.status} ${r.method} ${r.route}`).join('\n');
  }

  /** Closes every socket and the server. */
  async stop(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- gateway ----

  private onConnection(socket: WebSocket): void {
    this.sockets.add(socket);
    this.socket = socket;
    socket.on('close', () => {
      this.sockets.delete(socket);
      if (this.socket === socket) this.socket = undefined;
    });
    socket.on('message', (raw) => this.onGatewayMessage(socket, String(raw)));
    // A long interval: the client's first heartbeat comes at a random point within it.
    this.send(socket, { op: 10, d: { heartbeat_interval: 41_250 } });
  }

  private onGatewayMessage(socket: WebSocket, raw: string): void {
    const payload = JSON.parse(raw) as { op: number; d: unknown };
    switch (payload.op) {
      case 1:
        this.send(socket, { op: 11 });
        return;
      case 2: {
        const identify = payload.d as { intents: number; token: string; shard?: [number, number] };
        this.identifies.push(identify);
        if (this.refuseIdentifyWith !== undefined) {
          socket.close(this.refuseIdentifyWith, 'fake discord: identify refused');
          return;
        }
        const [shardId, shardCount] = identify.shard ?? [0, 1];
        this.shardSockets.set(shardId, socket);
        // Discord sends a guild to the shard (guild_id >> 22) % shard_count.
        const ownsGuild = Number((BigInt(GUILD_ID) >> 22n) % BigInt(shardCount)) === shardId;
        this.sequence = 0;
        this.send(socket, {
          op: 0,
          t: 'READY',
          s: ++this.sequence,
          d: {
            v: 10,
            user: BOT_USER,
            guilds: ownsGuild ? [{ id: GUILD_ID, unavailable: true }] : [],
            session_id: this.sessionId,
            resume_gateway_url: this.gatewayUrl,
            shard: [shardId, shardCount],
            application: { id: APP_ID, flags: this.applicationFlags },
            private_channels: [],
            user_settings: {},
            relationships: [],
          },
        });
        if (ownsGuild) this.send(socket, { op: 0, t: 'GUILD_CREATE', s: ++this.sequence, d: guildCreate() });
        this.settle('ready');
        return;
      }
      case 6:
        this.resumes.push(payload.d as { session_id: string; seq: number });
        this.send(socket, { op: 0, t: 'RESUMED', s: ++this.sequence, d: null });
        this.settle('resumed');
        return;
      default:
        return;
    }
  }

  private settle(event: 'ready' | 'resumed'): void {
    for (const w of this.gatewayWaiters.filter((x) => x.event === event)) {
      this.gatewayWaiters.splice(this.gatewayWaiters.indexOf(w), 1);
      w.resolve();
    }
  }

  private send(socket: WebSocket, payload: object): void {
    socket.send(JSON.stringify(payload));
  }

  // ---- REST ----

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      route: url.pathname.replace(/^\/api\/v\d+/, ''),
      query: url.searchParams,
      headers: req.headers,
      body: text && String(req.headers['content-type']).includes('json') ? (JSON.parse(text) as unknown) : text || undefined,
      at: performance.now(),
      status: 200,
    };
    const failure = this.failures.find((f) => f.match(record));
    const [status, body] = failure
      ? failure.status === 429
        ? [429, { message: 'You are being rate limited.', retry_after: 0.02, global: false }]
        : [failure.status, { message: 'fake discord: injected failure', code: 0 }]
      : this.route(record);
    record.status = status;
    this.requests.push(record);
    this.onRecord?.(record);
    for (const w of this.waiters.filter((x) => x.match(record))) {
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.resolve(record);
    }
    if (status === 429) {
      // As Discord sends it: seconds to wait, in the header and the body.
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0.02', 'x-ratelimit-scope': 'user' }).end(JSON.stringify(body));
    } else if (body === undefined) {
      res.writeHead(status).end();
    } else {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    }
  }

  private route(r: RecordedRequest): [number, unknown] {
    const m = (re: RegExp) => re.exec(r.route);
    let match: RegExpExecArray | null;
    if (r.method === 'GET' && r.route === '/gateway/bot') {
      return [
        200,
        {
          url: this.gatewayUrl,
          shards: this.recommendedShards,
          // Many shards may identify at once, so sharded tests do not wait 5 s per shard.
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 16 },
        },
      ];
    }
    if (r.method === 'POST' && m(/^\/interactions\/\d+\/[^/]+\/callback$/)) return [204, undefined];
    if ((match = m(/^\/webhooks\/\d+\/([^/]+)\/messages\/([^/]+)$/))) {
      if (r.method === 'DELETE') return [204, undefined];
      return [200, this.message(this.tokenChannel.get(match[1]!) ?? CHANNEL_ID, r.body)];
    }
    if (r.method === 'POST' && (match = m(/^\/webhooks\/\d+\/([^/]+)$/))) {
      return [200, this.message(this.tokenChannel.get(match[1]!) ?? CHANNEL_ID, r.body)];
    }
    if (r.method === 'POST' && (match = m(/^\/channels\/(\d+)\/messages$/))) return [200, this.message(match[1]!, r.body)];
    if (r.method === 'POST' && r.route === '/users/@me/channels') {
      const recipient = (r.body as { recipient_id: string }).recipient_id;
      return [200, { id: `9${recipient.slice(1)}`, type: 1, last_message_id: null, recipients: [user(recipient)] }];
    }
    if (r.method === 'GET' && r.route === '/applications/@me') {
      return [
        200,
        {
          id: APP_ID,
          name: 'Pilcrow',
          flags: this.applicationFlags,
          bot_public: false,
          bot_require_code_grant: false,
          verify_key: '0',
          description: '',
          icon: null,
        },
      ];
    }
    if (r.method === 'POST' && (match = m(/^\/channels\/(\d+)\/threads$/))) {
      const b = (r.body ?? {}) as { name?: string };
      return [
        201,
        {
          id: nextId(),
          type: 11,
          guild_id: GUILD_ID,
          parent_id: match[1]!,
          owner_id: BOT_ID,
          name: b.name ?? 'thread',
          last_message_id: null,
          rate_limit_per_user: 0,
          message_count: 0,
          member_count: 1,
          total_message_sent: 0,
          thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: now(), locked: false },
        },
      ];
    }
    if (r.method === 'PUT' && m(/^\/applications\/\d+(\/guilds\/\d+)?\/commands$/)) {
      const body = r.body as Array<Record<string, unknown>>;
      return [200, body.map((c) => ({ ...c, id: nextId(), application_id: APP_ID, version: nextId() }))];
    }
    return [404, { message: '404: Not Found', code: 0 }];
  }

  private message(channelId: string, body: unknown): object {
    const b = (body ?? {}) as Record<string, unknown>;
    return {
      id: nextId(),
      channel_id: channelId,
      author: BOT_USER,
      content: b.content ?? '',
      timestamp: now(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: b.embeds ?? [],
      components: b.components ?? [],
      pinned: false,
      type: b.message_reference ? 19 : 0,
      flags: b.flags ?? 0,
      ...(b.message_reference ? { message_reference: b.message_reference } : {}),
    };
  }
}

/** A user payload. */
export function user(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, username: `user${id.slice(-4)}`, discriminator: '0', global_name: null, avatar: null, ...extra };
}

function guildCreate(): object {
  const joined = now();
  return {
    id: GUILD_ID,
    name: 'Reading group',
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: '400000000000000000',
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      {
        id: GUILD_ID,
        name: '@everyone',
        color: 0,
        hoist: false,
        position: 0,
        permissions: '1071698660929',
        managed: false,
        mentionable: false,
        flags: 0,
      },
      {
        id: BOT_ROLE_ID,
        name: 'Pilcrow',
        color: 0,
        hoist: false,
        position: 1,
        permissions: '274877991936',
        managed: true,
        mentionable: false,
        flags: 0,
        tags: { bot_id: BOT_ID },
      },
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: joined,
    large: false,
    unavailable: false,
    member_count: 3,
    voice_states: [],
    members: [{ user: BOT_USER, roles: [BOT_ROLE_ID], joined_at: joined, deaf: false, mute: false, flags: 0 }],
    channels: [
      {
        id: CHANNEL_ID,
        type: 0,
        guild_id: GUILD_ID,
        name: 'general',
        position: 0,
        permission_overwrites: [],
        parent_id: null,
        nsfw: false,
        topic: null,
        last_message_id: null,
        rate_limit_per_user: 0,
      },
    ],
    threads: [
      {
        id: THREAD_ID,
        type: 11,
        guild_id: GUILD_ID,
        parent_id: CHANNEL_ID,
        owner_id: '400000000000000000',
        name: 'Samsung and YMTC',
        last_message_id: null,
        rate_limit_per_user: 0,
        message_count: 0,
        member_count: 2,
        total_message_sent: 0,
        thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: joined, locked: false },
      },
    ],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
