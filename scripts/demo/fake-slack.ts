/**
 * A fake Slack on 127.0.0.1: the Web API methods the adapter calls (form-encoded, as the Web
 * client sends them), `response_url` endpoints, and a Socket Mode WebSocket server. It records
 * everything it receives, can fail a method on demand (HTTP 500, 429 with Retry-After, or a
 * Slack error), and lets tests wait for a call instead of sleeping.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export const BOT_USER_ID = 'UBOT0001';
export const BOT_ID = 'BBOT0001';
export const TEAM_ID = 'T0TEST01';
export const APP_ID = 'A0TEST01';
/** The ticket in the Socket Mode URL `apps.connections.open` returns. */
export const SOCKET_TICKET = 'fake-ticket-4f1e8a2b9c';

/** One Web API call as the fake received it; `blocks` is parsed from its JSON string. */
export interface ApiCall {
  method: string;
  params: Record<string, unknown> & { blocks?: Block[]; text?: string; channel?: string; thread_ts?: string; user?: string };
  authorization?: string;
  /** What the fake answered: the HTTP status. */
  status: number;
  /** Set when the fake answered `ok: false` with this Slack error. */
  refused?: string;
  /** When the call arrived (`Date.now()`), for the benchmark's reply latency. */
  at: number;
  /** When the fake answered it with success (`Date.now()`). */
  answeredAt?: number;
}

/** One POST to a `response_url`. */
export interface ResponseUrlCall {
  id: string;
  body: Record<string, unknown> & { blocks?: Block[]; text?: string; response_type?: string };
}

/** The parts of a Block Kit block the tests look at. */
export interface Block {
  type: string;
  text?: { type: string; text: string; verbatim?: boolean };
  elements?: Array<{ type: string; text?: string | { text: string }; action_id?: string; value?: string; verbatim?: boolean }>;
  accessory?: { type: string; action_id?: string; value?: string; text?: { text: string } };
}

export type Fault = { status: 500 } | { status: 429; retryAfter: number } | { error: string };

/** A workspace that can install the app through the fake's `oauth.v2.access`. */
export interface FakeWorkspace {
  teamId: string;
  teamName: string;
  /** The bot token the install grants (Slack's are `xoxb-…`). */
  botToken: string;
  botUserId: string;
  botId: string;
}

/** The OAuth app the fake knows (`oauth.v2.access` checks the client id and secret). */
export const OAUTH_CLIENT = { id: '1111111111.2222222222', secret: 'fake-client-secret-0123456789' } as const;
/** The bot scopes an install grants. */
export const OAUTH_SCOPES = 'app_mentions:read,chat:write,commands,im:history,channels:history,groups:history';

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseUrlCall[] = [];
  /** Socket Mode acknowledgements by envelope id (the ack's payload). */
  readonly acks = new Map<string, unknown>();
  /** Channels where `chat.postMessage` answers `not_in_channel`. */
  readonly closedChannels = new Set<string>();

  private readonly changes = new EventEmitter();
  private readonly faults = new Map<string, Fault[]>();
  /** Methods whose calls wait (recorded, unanswered) until released: an answer kept in flight. */
  private readonly holds = new Map<string, Promise<void>>();
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private socket: WebSocket | undefined;
  private tsCounter = 0;
  private envelopeCounter = 0;
  /** Authorization codes not yet exchanged, by code (single use, as Slack's are). */
  private readonly codes = new Map<string, FakeWorkspace>();
  /** Bot tokens granted by installs, for `auth.test`. */
  private readonly granted = new Map<string, FakeWorkspace>();
  private codeCounter = 0;

  constructor() {
    this.changes.setMaxListeners(0);
    this.server = createServer((req, res) => void this.route(req, res));
    this.wss = new WebSocketServer({ server: this.server, path: '/socket-mode' });
    this.wss.on('connection', (socket) => {
      this.socket = socket;
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
        if (message.envelope_id) {
          this.acks.set(message.envelope_id, message.payload);
          this.changes.emit('change');
        }
      });
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: APP_ID } }));
      this.changes.emit('change');
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The Web API base URL, as `SLACK_API_URL` / `clientOptions.slackApiUrl` take it. */
  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  /** A `response_url` the fake records under `id`. */
  responseUrl(id: string): string {
    return `${this.origin}/respond/${id}`;
  }

  /** The next call(s) to `method` get `fault` (one per call, in order) instead of success. */
  failNext(method: string, ...faults: Fault[]): void {
    this.faults.set(method, [...(this.faults.get(method) ?? []), ...faults]);
  }

  /**
   * Calls to `method` from now on are recorded at once but answered only after `release()` (or
   * after `ms`, so a forgotten release cannot hang a test).
   */
  hold(method: string, ms = 15_000): { release(): void } {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
      setTimeout(resolve, ms).unref();
    });
    this.holds.set(method, released);
    return {
      release: () => {
        this.holds.delete(method);
        release();
      },
    };
  }

  /**
   * What Slack does when a user of `workspace` approves the install on its consent page: a fresh
   * one-time code, which the app's redirect URL receives and exchanges with `oauth.v2.access`.
   */
  approveInstall(workspace: FakeWorkspace): string {
    this.codeCounter += 1;
    const code = `fake-code-${this.codeCounter}-${workspace.teamId}`;
    this.codes.set(code, workspace);
    return code;
  }

  /** Drops the faults still queued for `method`. */
  clearFaults(method: string): void {
    this.faults.delete(method);
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves with the first successful call matching `match` (already made or yet to come). */
  waitForCall(method: string, match: (call: ApiCall) => boolean = () => true, what = method): Promise<ApiCall> {
    return this.waitFor(() => this.calls.find((c) => c.method === method && c.status === 200 && !c.refused && match(c)), what);
  }

  /** Resolves with the first `response_url` POST matching `match`. */
  waitForResponse(match: (call: ResponseUrlCall) => boolean, what = 'response_url POST'): Promise<ResponseUrlCall> {
    return this.waitFor(() => this.responses.find(match), what);
  }

  /** Resolves once the Socket Mode client has connected (and been sent `hello`). */
  waitForSocket(): Promise<WebSocket> {
    return this.waitFor(() => this.socket, 'a Socket Mode connection');
  }

  /** Sends a Socket Mode envelope; returns its envelope id. */
  sendEnvelope(type: 'events_api' | 'slash_commands' | 'interactive', payload: unknown): string {
    if (!this.socket) throw new Error('FakeSlack: no Socket Mode client is connected.');
    const envelopeId = `env-${++this.envelopeCounter}`;
    this.socket.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        ...(type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {}),
      }),
    );
    return envelopeId;
  }

  /** Resolves with the payload of the ack for `envelopeId`. */
  waitForAck(envelopeId: string): Promise<unknown> {
    return this.waitFor(() => (this.acks.has(envelopeId) ? { payload: this.acks.get(envelopeId) } : undefined), `ack of ${envelopeId}`).then((a) => a.payload);
  }

  /** Polls `probe` on every recorded change; rejects after `ms` so a broken test fails instead of hanging. */
  waitFor<T>(probe: () => T | undefined, what: string, ms = 8_000): Promise<T> {
    const found = probe();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        const seen = this.calls.map((c) => `${c.method}(${c.status}) ${String(c.params.text ?? '').slice(0, 60)}`).join('\n  ');
        reject(new Error(`FakeSlack: timed out waiting for ${what}. Calls so far:\n  ${seen || '(none)'}`));
      }, ms);
      const cleanup = () => {
        clearTimeout(timer);
        this.changes.off('change', check);
      };
      this.changes.on('change', check);
    });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', this.origin);
    if (url.pathname.startsWith('/respond/')) {
      this.responses.push({ id: url.pathname.slice('/respond/'.length), body: JSON.parse(raw || '{}') as ResponseUrlCall['body'] });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      this.changes.emit('change');
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      res.writeHead(404).end();
      return;
    }
    const method = url.pathname.slice('/api/'.length);
    const params = parseParams(raw, req.headers['content-type']);
    const call: ApiCall = { method, params, status: 200, at: Date.now(), ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) };
    this.calls.push(call);
    const hold = this.holds.get(method);
    if (hold) {
      this.changes.emit('change');
      await hold;
    }

    const fault = this.faults.get(method)?.shift();
    if (fault && 'status' in fault) {
      call.status = fault.status;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault.status === 429) headers['retry-after'] = String(fault.retryAfter);
      res.writeHead(fault.status, headers).end(JSON.stringify({ ok: false, error: fault.status === 429 ? 'ratelimited' : 'internal_error' }));
      this.changes.emit('change');
      return;
    }
    const body = fault ? { ok: false, error: fault.error } : this.answer(method, params, req.headers.authorization);
    if (body.ok === false) call.refused = String(body.error);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    call.answeredAt = Date.now();
    this.changes.emit('change');
  }

  private answer(method: string, params: ApiCall['params'], authorization?: string): Record<string, unknown> {
    switch (method) {
      case 'auth.test': {
        const installed = this.granted.get((authorization ?? '').replace(/^Bearer /, '') || String(params['token'] ?? ''));
        if (installed) {
          return {
            ok: true,
            url: `https://${installed.teamName}.fake.slack.test/`,
            team: installed.teamName,
            user: 'pilcrow',
            team_id: installed.teamId,
            user_id: installed.botUserId,
            bot_id: installed.botId,
          };
        }
        return { ok: true, url: 'https://fake.slack.test/', team: 'Test', user: 'pilcrow', team_id: TEAM_ID, user_id: BOT_USER_ID, bot_id: BOT_ID };
      }
      case 'oauth.v2.access': {
        // As Slack: the client id and secret come in the form (or as HTTP Basic auth); a code works once.
        const basic = authorization?.startsWith('Basic ') ? Buffer.from(authorization.slice(6), 'base64').toString('utf8').split(':') : [];
        const clientId = String(params['client_id'] ?? basic[0] ?? '');
        const clientSecret = String(params['client_secret'] ?? basic[1] ?? '');
        if (clientId !== OAUTH_CLIENT.id) return { ok: false, error: 'invalid_client_id' };
        if (clientSecret !== OAUTH_CLIENT.secret) return { ok: false, error: 'bad_client_secret' };
        const workspace = this.codes.get(String(params['code'] ?? ''));
        if (!workspace) return { ok: false, error: 'invalid_code' };
        this.codes.delete(String(params['code']));
        this.granted.set(workspace.botToken, workspace);
        return {
          ok: true,
          access_token: workspace.botToken,
          token_type: 'bot',
          scope: OAUTH_SCOPES,
          bot_user_id: workspace.botUserId,
          app_id: APP_ID,
          team: { id: workspace.teamId, name: workspace.teamName },
          enterprise: null,
          is_enterprise_install: false,
          authed_user: { id: `U0INSTALL${workspace.teamId.slice(-2)}` },
        };
      }
      case 'apps.connections.open':
        // Like Slack's, the URL carries a one-time ticket: a credential that must never be logged.
        return { ok: true, url: `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/socket-mode?ticket=${SOCKET_TICKET}&app_id=${APP_ID}` };
      case 'chat.postMessage': {
        if (params.channel && this.closedChannels.has(params.channel)) return { ok: false, error: 'not_in_channel' };
        const ts = this.nextTs();
        return { ok: true, channel: params.channel, ts, message: { text: params.text, ts, user: BOT_USER_ID, bot_id: BOT_ID } };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      default:
        return { ok: true };
    }
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `1700000000.${String(this.tsCounter).padStart(6, '0')}`;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseParams(raw: string, contentType: string | undefined): ApiCall['params'] {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as ApiCall['params'];
  const params: Record<string, unknown> = Object.fromEntries(new URLSearchParams(raw));
  // The Web client sends structured arguments as JSON strings inside the form.
  for (const key of ['blocks', 'attachments', 'metadata']) {
    if (typeof params[key] === 'string') params[key] = JSON.parse(params[key] as string);
  }
  return params;
}
