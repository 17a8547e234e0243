/**
 * The **Find in article** message shortcut: answers in the message's thread with the passages
 * of the article that bear on it (privately when the app cannot post in that conversation).
 */
import type { App, MessageShortcut } from '@slack/bolt';
import { isDirectMessageChannel, slackTenant, threadConversation } from '../ids.js';
import { slackToPlain } from '../mrkdwn.js';
import { renderNote, renderReply } from '../render.js';
import { deliver, publicOrPrivateDestination, privateDestination, serve, TEXT, type SlackDeps } from '../serve.js';

/** The shortcut as the manifest declares it. */
export const FIND_SHORTCUT = {
  name: 'Find in article',
  type: 'message',
  callback_id: 'find_in_article',
  description: 'Quote the passages of the article that bear on this message',
} as const;

export function registerShortcut(app: App, deps: SlackDeps): void {
  app.shortcut<MessageShortcut>({ type: 'message_action', callback_id: FIND_SHORTCUT.callback_id }, async ({ shortcut, ack, respond, client, context }) => {
    await ack();
    const channel = shortcut.channel.id;
    const user = shortcut.user.id;
    const log = deps.logger.child({ origin: 'shortcut', userId: user });
    const text = slackToPlain(shortcut.message.text, context.botUserId);
    if (!text) {
      await deliver(log, 'whisper', () => privateDestination(respond, deps.outbox).whisper(renderNote(TEXT.noText)));
      return;
    }
    const thread = (shortcut.message.thread_ts as string | undefined) ?? shortcut.message.ts;
    const conversationId = threadConversation(shortcut.team?.id, channel, thread);
    const destination = publicOrPrivateDestination(client, respond, { channel, thread, user, isDm: isDirectMessageChannel(channel) }, log, deps.outbox);
    await deps.track(
      serve(
        deps,
        'shortcut',
        { conversationId, userId: user, command: { kind: 'text', text }, ...slackTenant({ team: shortcut.team?.id, enterprise: shortcut.enterprise?.id }) },
        destination,
        (reply) => renderReply(reply, { citationLink: deps.citationLink, conversationId, thread }),
      ),
    );
  });
}
