/** `/summary [article]`: the article's key sentences, each cited. */
import { SlashCommandBuilder } from 'discord.js';
import type { ChatCommand } from '../types.js';
import { articleOption, CONTEXTS, INTEGRATION_TYPES, respondArticle } from './shared.js';

export const summary: ChatCommand = {
  data: new SlashCommandBuilder()
    .setName('summary')
    .setDescription("The article's key sentences, verbatim, each cited by paragraph.")
    .setContexts(...CONTEXTS)
    .setIntegrationTypes(...INTEGRATION_TYPES)
    .addStringOption(articleOption),

  async execute(interaction, context) {
    await context.answer({ kind: 'summary' }, { articleId: interaction.options.getString('article') ?? undefined });
  },

  async autocomplete(interaction, bot) {
    await respondArticle(interaction, bot);
  },
};
