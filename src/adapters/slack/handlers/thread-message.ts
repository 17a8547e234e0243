/**
 * Follow mode: plain messages in channel threads. The core decides whether to speak (the channel
 * followed, Pilcrow a member of the thread, a question for it that the article answers); anything
 * else is silence. Needs the `message.channels` and `message.groups` events.
 */
import type { App } from '@slack/bolt';
import { channelKey, isDirectMessageChannel, slackTenant, threadConversation } from '../ids.js';
import { slackCommand } from '../mrkdwn.js';
import { renderReply } from '../render.js';
import { addPermission, conversationDestination, serve, type SlackDeps } from '../serve.js';
import { firstDelivery } from './mention.js';

export function registerThreadMessage(app: App, deps: SlackDeps): void {
  app.message(async ({ message, body, client, context }) => {
    // Only what a person typed, in a channel thread: no edits, joins, bot posts or DMs.
    if (message.subtype !== undefined || message.channel_type === 'im' || isDirectMessageChannel(message.channel)) return;
    if (message.bot_id || !message.user || !message.thread_ts || message.thread_ts === message.ts) return;
    // A mention arrives as `app_mention` too, which answers it: once.
    if (context.botUserId && message.text?.includes(`<@${context.botUserId}`)) return;
    if (!(await firstDelivery(deps, body.event_id))) return;

    const thread = message.thread_ts;
    const conversationId = threadConversation(body.team_id, message.channel, thread);
    const destination = conversationDestination(client, { channel: message.channel, thread, user: message.user, isDm: false }, deps.outbox);
    await deps.track(
      serve(
        deps,
        'follow',
        {
          conversationId,
          userId: message.user,
          channelId: channelKey(body.team_id, message.channel),
          ...slackTenant({ team: body.team_id, enterprise: body.enterprise_id }),
          mayAdd: addPermission(deps, message.user),
          command: slackCommand(message.text, context.botUserId),
          thread: true,
          passive: true,
        },
        destination,
        (reply) => renderReply(reply, { conversationId, thread }),
      ),
    );
  });
}
