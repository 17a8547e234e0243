/**
 * A gate in front of the Socket Mode client's message handler. The client reads
 * `envelope.payload.event.type` without checking that `payload` is an object, inside a detached
 * promise: one envelope with `"payload": null` would end the process. Envelopes that are not
 * the shape Slack documents are logged and dropped here; everything else goes on unchanged.
 */
import type { SocketModeReceiver } from '@slack/bolt';
import type { Logger } from '../../runtime/logger.js';

type SocketModeClient = SocketModeReceiver['client'];
type MessageListener = (data: string | ArrayBuffer, isBinary: boolean) => unknown;

/** Why an incoming WebSocket message would crash the client; `undefined` when it is safe. */
export function malformedEnvelope(data: string | ArrayBuffer): string | undefined {
  const text = typeof data === 'string' ? data : new TextDecoder().decode(data);
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch {
    return undefined; // The client ignores text that is not JSON.
  }
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) return 'envelope is not a JSON object';
  const { type, payload } = envelope as { type?: unknown; payload?: unknown };
  if (type === 'hello' || type === 'disconnect') return undefined;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return 'payload is not a JSON object';
  if (type === 'events_api') {
    const event = (payload as { event?: unknown }).event;
    if (typeof event !== 'object' || event === null || typeof (event as { type?: unknown }).type !== 'string') {
      return 'events_api payload has no event with a type';
    }
  }
  return undefined;
}

/** Replaces the client's `ws_message` listeners with guarded ones. Call before `start()`. */
export function guardSocketMode(client: SocketModeClient, logger: Logger): void {
  const originals = client.listeners('ws_message') as MessageListener[];
  client.removeAllListeners('ws_message');
  client.on('ws_message', (data: string | ArrayBuffer, isBinary: boolean) => {
    const problem = isBinary ? undefined : malformedEnvelope(data);
    if (problem) {
      logger.warn({ reason: problem }, 'slack: malformed Socket Mode envelope dropped');
      return;
    }
    for (const listener of originals) {
      try {
        void Promise.resolve(listener.call(client, data, isBinary)).catch((error: unknown) =>
          logger.error({ err: error }, 'slack: Socket Mode message handling failed'),
        );
      } catch (error) {
        logger.error({ err: error }, 'slack: Socket Mode message handling failed');
      }
    }
  });
}
