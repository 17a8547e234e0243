/** `/search query:<text> [article]`: the paragraphs that contain the words. */
import { SlashCommandBuilder } from 'discord.js';
import type { ChatCommand } from '../types.js';
import { articleOption, CONTEXTS, INTEGRATION_TYPES, respondArticle } from './shared.js';

export const search: ChatCommand = {
  data: new SlashCommandBuilder()
    .setName('search')
    .setDescription('Find the paragraphs of the article that contain these words.')
    .setContexts(...CONTEXTS)
    .setIntegrationTypes(...INTEGRATION_TYPES)
    .addStringOption((o) => o.setName('query').setDescription('Words to look for').setRequired(true))
    .addStringOption(articleOption),

  async execute(interaction, context) {
    await context.answer(
      { kind: 'search', query: interaction.options.getString('query', true) },
      { articleId: interaction.options.getString('article') ?? undefined },
    );
  },

  async autocomplete(interaction, bot) {
    await respondArticle(interaction, bot);
  },
};
