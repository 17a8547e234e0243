/**
 * One small HTTP server for Pilcrow's own surfaces (health, readiness, metrics, and whatever else
 * is mounted on the route table, e.g. insights), listening on `HEALTH_PORT`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RouteTable } from './routes.js';

/** Options of the HTTP server. */
export interface HttpServerOptions {
  routes: RouteTable;
  /** The port to listen on; 0 picks a free one (tests). */
  port: number;
  /** The interface to listen on. Default: all interfaces (probes come from outside the container). */
  host?: string;
}

/** A started-on-demand HTTP server over a route table. */
export interface HttpServer {
  /** Listens; resolves with the bound port. Rejects (e.g. EADDRINUSE) with a message naming the port. */
  start(): Promise<number>;
  /** Stops accepting connections, closes idle keep-alive ones, and resolves when all are closed. */
  stop(): Promise<void>;
  /** The bound port once started. */
  readonly port: number | undefined;
}

/** Creates the server; nothing listens until `start()`. */
export function createHttpServer(options: HttpServerOptions): HttpServer {
  let server: Server | undefined;
  return {
    get port() {
      const address = server?.address();
      return address && typeof address === 'object' ? (address as AddressInfo).port : undefined;
    },

    async start() {
      const s = createServer((req, res) => void options.routes.dispatch(req, res));
      // Probes and scrapers are quick; a stuck client must not hold shutdown open.
      s.requestTimeout = 10_000;
      s.headersTimeout = 10_000;
      s.keepAliveTimeout = 5_000;
      await new Promise<void>((resolve, reject) => {
        s.once('error', (error: NodeJS.ErrnoException) => {
          const why = error.code === 'EADDRINUSE' ? 'it is already in use' : error.message;
          reject(new Error(`HTTP server: could not listen on port ${options.port} (${why}); set HEALTH_PORT to a free port.`, { cause: error }));
        });
        s.listen(options.port, options.host, () => resolve());
      });
      server = s;
      return this.port!;
    },

    async stop() {
      const s = server;
      if (!s) return;
      server = undefined;
      const closed = new Promise<void>((resolve) => s.close(() => resolve()));
      s.closeIdleConnections();
      await closed;
    },
  };
}
