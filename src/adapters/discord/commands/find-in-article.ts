/**
 * Message context menu **Find in article**: the passages of the article that bear on a message of
 * the discussion. The answer is private: it is a look-up for the one who asked, not a public
 * fact-check of a colleague's message.
 */
import { ApplicationCommandType, ContextMenuCommandBuilder } from 'discord.js';
import type { MessageCommand } from '../types.js';
import { CONTEXTS, INTEGRATION_TYPES } from './shared.js';

/** Shown when the chosen message has no text (an image, a sticker). */
export const NOTHING_TO_FIND = 'That message has no text to look up in the article.';

export const findInArticle: MessageCommand = {
  data: new ContextMenuCommandBuilder()
    .setName('Find in article')
    .setType(ApplicationCommandType.Message)
    .setContexts(...CONTEXTS)
    .setIntegrationTypes(...INTEGRATION_TYPES),

  async execute(interaction, context) {
    const target = interaction.targetMessage;
    // Embeds count too, so a message from another bot (or Pilcrow's own answer) can be looked up.
    const text = [target.content, ...target.embeds.flatMap((e) => [e.title ?? '', e.description ?? ''])].join('\n').trim();
    if (!text) {
      await context.say(NOTHING_TO_FIND);
      return;
    }
    await context.answer({ kind: 'ask', question: text }, { ephemeral: true });
  },
};
