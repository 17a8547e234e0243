/** Button presses: More, Full paragraph, 👍 / 👎 and Share in channel. */
import type { App, BlockAction, ButtonAction, RespondFn, webApi } from '@slack/bolt';
import type { Logger } from '../../../runtime/logger.js';
import { ACTION, decodeValue, FULL_ACTION_PATTERN, FullValue, MoreValue, ShareValue, VoteValue } from '../buttons.js';
import { isDirectMessageChannel, slackTenant } from '../ids.js';
import { renderNote, renderReply } from '../render.js';
import { deliver, privateDestination, publicOrPrivateDestination, serve, TEXT, type Destination, type SlackDeps } from '../serve.js';

type ButtonArgs = { body: BlockAction<ButtonAction>; action: ButtonAction; client: webApi.WebClient; respond: RespondFn };

export function registerActions(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTION.more, async ({ ack, body, action, client, respond }) => {
    await ack();
    const value = decodeValue(MoreValue, action.value);
    if (!value) return ignored(deps.logger, action);
    await deps.track(
      serve(
        deps,
        'button:more',
        { conversationId: value.c, userId: body.user.id, command: { kind: 'more' }, ...(value.a ? { articleId: value.a } : {}), ...buttonTenant(body) },
        followUpDestination(deps, { body, action, client, respond }, value.t),
        (reply) => renderReply(reply, { citationLink: deps.citationLink, conversationId: value.c, ...(value.t === undefined ? {} : { thread: value.t }) }),
      ),
    );
  });

  app.action<BlockAction<ButtonAction>>(FULL_ACTION_PATTERN, async ({ ack, body, action, client, respond }) => {
    await ack();
    const value = decodeValue(FullValue, action.value);
    if (!value) return ignored(deps.logger, action);
    await deps.track(
      serve(
        deps,
        'button:full',
        { conversationId: value.c, userId: body.user.id, command: { kind: 'quote', paragraph: value.p }, articleId: value.a, ...buttonTenant(body) },
        followUpDestination(deps, { body, action, client, respond }, value.t),
        (reply) => renderReply(reply, { citationLink: deps.citationLink, conversationId: value.c, ...(value.t === undefined ? {} : { thread: value.t }) }),
      ),
    );
  });

  for (const [actionId, vote] of [
    [ACTION.voteUp, 'up'],
    [ACTION.voteDown, 'down'],
  ] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      const value = decodeValue(VoteValue, action.value);
      if (!value) return ignored(deps.logger, action);
      const feedback = {
        conversationId: value.c,
        userId: body.user.id,
        vote,
        ...buttonTenant(body),
        ...(value.q ? { question: value.q } : {}),
        ...(value.a && value.p ? { citation: { articleId: value.a, paragraph: value.p } } : {}),
      };
      const log = deps.logger.child({ origin: 'button:vote', conversationId: value.c, userId: body.user.id });
      try {
        deps.bot.feedback(feedback);
        log.info({ vote, question: feedback.question, citation: feedback.citation }, 'slack feedback recorded');
      } catch (error) {
        log.error({ err: error }, 'slack feedback could not be recorded');
      }
      await deps.track(deliver(log, 'whisper', () => privateDestination(respond, deps.outbox).whisper(renderNote(TEXT.feedbackThanks))));
    });
  }

  app.action<BlockAction<ButtonAction>>(ACTION.share, async ({ ack, body, action, respond }) => {
    await ack();
    const log = deps.logger.child({ origin: 'button:share', userId: body.user.id });
    const value = decodeValue(ShareValue, action.value);
    // Taken, not read: a double click (or two instances) shares the answer once.
    const message = value ? await deps.shares.take(value.k) : undefined;
    if (!message) {
      await deps.track(deliver(log, 'whisper', () => privateDestination(respond, deps.outbox).whisper(renderNote(TEXT.expired))));
      return;
    }
    await deps.track(
      (async () => {
        const shared = await deliver(log, 'share', async () => {
          await respond({ response_type: 'in_channel', replace_original: false, ...message });
        });
        // Not shared: the copy goes back, so pressing again can still share it.
        if (!shared) {
          await deps.shares.set(value!.k, message);
          return;
        }
        log.info({ channel: body.channel?.id }, 'slack answer shared in channel');
        // The private copy has done its job; a failure here only leaves it in place.
        await deliver(log, 'delete-private-copy', async () => {
          await respond({ delete_original: true });
        });
      })(),
    );
  });
}

/**
 * Where a button's answer goes: privately for ephemeral messages (slash command answers);
 * otherwise into the thread the value names, or the clicked message's own thread.
 */
function followUpDestination(deps: SlackDeps, { body, client, respond }: ButtonArgs, thread: string | undefined): Destination {
  if (body.container?.is_ephemeral === true || !body.channel) return privateDestination(respond, deps.outbox);
  const channel = body.channel.id;
  const where = thread === undefined ? ((body.message?.thread_ts as string | undefined) ?? body.message?.ts) : thread || undefined;
  const log = deps.logger.child({ origin: 'button', userId: body.user.id });
  return publicOrPrivateDestination(
    client,
    respond,
    { channel, ...(where ? { thread: where } : {}), user: body.user.id, isDm: isDirectMessageChannel(channel) },
    log,
    deps.outbox,
  );
}

function ignored(logger: Logger, action: ButtonAction): void {
  logger.warn({ actionId: action.action_id }, 'slack button with an unreadable value ignored');
}

/** The tenant of a button press: the organization on Enterprise Grid, else the workspace (the user's, when the payload has no team). */
function buttonTenant(body: BlockAction<ButtonAction>): { tenant?: string } {
  return slackTenant({ team: body.team?.id ?? body.user.team_id, enterprise: body.enterprise?.id });
}
