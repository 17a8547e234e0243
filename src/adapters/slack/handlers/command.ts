/**
 * `/article <question>` (and `quote 3`, `summary`, `search …`, `about`, `help`, `more`):
 * answered privately, with a **Share in channel** button that posts the same answer for everyone.
 */
import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import { channelKey, commandConversation, slackTenant } from '../ids.js';
import { slackCommand } from '../mrkdwn.js';
import { renderReply } from '../render.js';
import { addPermission, privateDestination, serve, type SlackDeps } from '../serve.js';

/** The slash command as the manifest declares it. */
export const ARTICLE_COMMAND = {
  command: '/article',
  description: 'Ask the article a question, or: quote 3 · summary · search <terms> · list · use <id> · add <link> · help',
  usage_hint: '[question | quote 3 | summary | search <terms> | list | use <id> | add <link> | remove <id> | help]',
} as const;

export function registerCommand(app: App, deps: SlackDeps): void {
  app.command(ARTICLE_COMMAND.command, async ({ command, ack, respond, context }) => {
    await ack();
    const conversationId = commandConversation(command.team_id, command.channel_id, command.user_id);
    const shareKey = randomUUID();
    await deps.track(
      serve(
        deps,
        'command',
        {
          conversationId,
          userId: command.user_id,
          userName: command.user_name,
          channelId: channelKey(command.team_id, command.channel_id),
          ...slackTenant({ team: command.team_id, enterprise: command.enterprise_id }),
          mayAdd: addPermission(deps, command.user_id),
          command: slackCommand(command.text, context.botUserId),
        },
        privateDestination(respond, deps.outbox),
        async (reply) => {
          const worthSharing = reply.status !== 'help' && reply.status !== 'invalid' && reply.status !== 'note';
          if (!worthSharing) return renderReply(reply, { citationLink: deps.citationLink, conversationId, echoQuestion: true });
          // The public copy is rendered now, so Share posts exactly what the user saw. Stored
          // before the private answer is posted, so the button can never arrive first.
          await deps.shares.set(shareKey, renderReply(reply, { citationLink: deps.citationLink, conversationId, echoQuestion: true }));
          return renderReply(reply, { citationLink: deps.citationLink, conversationId, echoQuestion: true, shareKey });
        },
      ),
    );
  });
}
