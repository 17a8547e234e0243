/** Messages in the app's DM: answered where they were sent; each DM thread is its own conversation. */
import type { App } from '@slack/bolt';
import { channelKey, slackTenant, threadConversation } from '../ids.js';
import { slackCommand } from '../mrkdwn.js';
import { renderReply } from '../render.js';
import { addPermission, conversationDestination, serve, type SlackDeps } from '../serve.js';
import { firstDelivery } from './mention.js';

export function registerDirectMessage(app: App, deps: SlackDeps): void {
  app.message(async ({ message, body, client, context }) => {
    // Only what a person typed in a DM: no edits, joins or bot posts (subtype or bot_id set).
    if (message.subtype !== undefined || message.channel_type !== 'im') return;
    if (message.bot_id || !message.user) return;
    if (!(await firstDelivery(deps, body.event_id))) return;

    const thread = message.thread_ts;
    const conversationId = threadConversation(body.team_id, message.channel, thread);
    const destination = conversationDestination(
      client,
      { channel: message.channel, ...(thread ? { thread } : {}), user: message.user, isDm: true },
      deps.outbox,
    );
    await deps.track(
      serve(
        deps,
        'dm',
        {
          conversationId,
          userId: message.user,
          channelId: channelKey(body.team_id, message.channel),
          ...slackTenant({ team: body.team_id, enterprise: body.enterprise_id }),
          mayAdd: addPermission(deps, message.user),
          command: slackCommand(message.text, context.botUserId),
        },
        destination,
        // Buttons on a top-level DM answer post their follow-ups at the top level too (`''`).
        (reply) => renderReply(reply, { citationLink: deps.citationLink, conversationId, thread: thread ?? '' }),
      ),
    );
  });
}
