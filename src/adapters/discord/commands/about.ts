/** `/about [article]`: title, source, link, paragraph count, and how to use Pilcrow. */
import { SlashCommandBuilder } from 'discord.js';
import type { ChatCommand } from '../types.js';
import { articleOption, CONTEXTS, INTEGRATION_TYPES, respondArticle } from './shared.js';

export const about: ChatCommand = {
  data: new SlashCommandBuilder()
    .setName('about')
    .setDescription('What article this is (title, source, link, length) and how to ask about it.')
    .setContexts(...CONTEXTS)
    .setIntegrationTypes(...INTEGRATION_TYPES)
    .addStringOption(articleOption),

  async execute(interaction, context) {
    await context.answer({ kind: 'about' }, { articleId: interaction.options.getString('article') ?? undefined });
  },

  async autocomplete(interaction, bot) {
    await respondArticle(interaction, bot);
  },
};
