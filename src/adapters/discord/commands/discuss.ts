/** `/discuss [article]`: a new thread with the article's main argument and key claims, each cited, as prompts. */
import { SlashCommandBuilder } from 'discord.js';
import type { ChatCommand } from '../types.js';
import { articleOption, CONTEXTS, INTEGRATION_TYPES, respondArticle } from './shared.js';

export const discuss: ChatCommand = {
  data: new SlashCommandBuilder()
    .setName('discuss')
    .setDescription('Start a discussion thread: the main argument and key claims, each quoted and cited.')
    .setContexts(...CONTEXTS)
    .setIntegrationTypes(...INTEGRATION_TYPES)
    .addStringOption(articleOption),

  async execute(interaction, context) {
    const articleId = interaction.options.getString('article') ?? undefined;
    await context.discussInThread(articleId ? { articleId } : {});
  },

  async autocomplete(interaction, bot) {
    await respondArticle(interaction, bot);
  },
};
