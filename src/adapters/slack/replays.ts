/**
 * Replay protection for slash commands, shortcuts and button presses. Events carry an
 * `event_id` (the handlers drop redeliveries); these carry a `trigger_id`, unique to one
 * invocation, so a signed request sent twice within Slack's 5-minute window is answered once.
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { SlackDeps } from './serve.js';

/** The replay key of a request: its `trigger_id`, when it has one. */
export function replayKey(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const trigger = (body as { trigger_id?: unknown }).trigger_id;
  return typeof trigger === 'string' && trigger !== '' ? `trigger:${trigger}` : undefined;
}

/** Global middleware: acknowledges and drops a request whose `trigger_id` was already seen. */
export function dropReplays(deps: Pick<SlackDeps, 'seenEvents' | 'logger'>): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const key = replayKey(args.body);
    if (key !== undefined) {
      // Claimed in the shared ledger, so a replay sent to another instance is dropped too.
      if (!(await deps.seenEvents.claim(key))) {
        deps.logger.warn({ key }, 'slack: replayed request dropped');
        const ack = (args as { ack?: () => Promise<void> }).ack;
        if (ack) await ack();
        return;
      }
    }
    await args.next();
  };
}
