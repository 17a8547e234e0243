/** `@Pilcrow <question>` in a channel: answered in the thread, which is the conversation. */
import type { App } from '@slack/bolt';
import { channelKey, isDirectMessageChannel, slackTenant, threadConversation } from '../ids.js';
import { slackCommand } from '../mrkdwn.js';
import { renderReply } from '../render.js';
import { addPermission, conversationDestination, serve, type SlackDeps } from '../serve.js';

export function registerMention(app: App, deps: SlackDeps): void {
  app.event('app_mention', async ({ event, body, client, context }) => {
    // Other bots (and our own posts, which Bolt's ignoreSelf already drops) are never answered.
    if (event.bot_id || event.subtype || !event.user) return;
    // A mention in a DM also arrives as a `message.im` event, which answers it.
    if (isDirectMessageChannel(event.channel)) return;
    if (!(await firstDelivery(deps, body.event_id))) return;

    const thread = event.thread_ts ?? event.ts;
    const conversationId = threadConversation(body.team_id, event.channel, thread);
    const inThread = conversationDestination(client, { channel: event.channel, thread, user: event.user, isDm: false }, deps.outbox);
    const command = slackCommand(event.text, context.botUserId);
    const mayAdd = addPermission(deps, event.user);
    // Someone not allowed to add articles is told so privately, not in front of the channel.
    const destination = command.kind === 'add' && mayAdd === 'none' ? { ...inThread, post: inThread.whisper } : inThread;
    await deps.track(
      serve(
        deps,
        'mention',
        {
          conversationId,
          userId: event.user,
          channelId: channelKey(body.team_id, event.channel),
          ...slackTenant({ team: body.team_id, enterprise: body.enterprise_id }),
          mayAdd,
          command,
          thread: true,
        },
        destination,
        (reply) => renderReply(reply, { citationLink: deps.citationLink, conversationId, thread }),
      ),
    );
  });
}

/** False when Slack redelivers an event already handled (same `event_id`), by this or another instance. */
export async function firstDelivery(deps: SlackDeps, eventId: string | undefined): Promise<boolean> {
  if (!eventId) return true;
  return deps.seenEvents.claim(eventId);
}
