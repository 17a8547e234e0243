/**
 * The reply buttons: **More** (the next excerpts, in the same conversation), **Full paragraph ¶N**
 * (privately), and 👍 / 👎 (recorded through the core with the question and the citation).
 */
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { interactionTenant } from './conversation-id.js';
import { parseCustomId } from './custom-ids.js';
import { STALE_BUTTON, THANKS_FOR_FEEDBACK } from './messages.js';
import type { CommandContext } from './types.js';

/** Serves one button click. */
export async function handleButton(interaction: ButtonInteraction, context: CommandContext): Promise<void> {
  const action = parseCustomId(interaction.customId);
  if (!action) {
    await context.say(STALE_BUTTON);
    return;
  }
  switch (action.action) {
    case 'more':
      // More excerpts go where the answer is: privately under a private answer, publicly otherwise.
      await context.answer({ kind: 'more' }, { conversationId: action.conversationId, ephemeral: interaction.message.flags.has(MessageFlags.Ephemeral) });
      return;
    case 'paragraph':
      await context.answer({ kind: 'quote', paragraph: action.paragraph }, { ephemeral: true, articleId: action.articleId });
      return;
    case 'vote': {
      const question = questionOf(interaction);
      const tenant = interactionTenant(interaction);
      const articleId = action.articleId ?? context.bot.articlesFor(tenant)[0]?.id;
      context.bot.feedback({
        conversationId: action.conversationId,
        userId: interaction.user.id,
        tenant,
        vote: action.vote,
        ...(question ? { question } : {}),
        ...(action.paragraph !== undefined && articleId ? { citation: { articleId, paragraph: action.paragraph } } : {}),
      });
      await context.say(THANKS_FOR_FEEDBACK);
      return;
    }
  }
}

/**
 * The question a voted-on answer was for: the answer's embed title (see render.ts), unescaped.
 * Reading it back from the message keeps buttons stateless; a very long question arrives trimmed.
 */
function questionOf(interaction: ButtonInteraction): string | undefined {
  const title = interaction.message.embeds[0]?.title;
  return title ? title.replace(/\\(.)/g, '$1') : undefined;
}
