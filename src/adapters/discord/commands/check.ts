/** `/check claim:<text> [private:<bool>]`: whether the article says it — a verdict with the deciding excerpts. */
import { SlashCommandBuilder } from 'discord.js';
import type { ChatCommand } from '../types.js';
import { articleOption, CONTEXTS, INTEGRATION_TYPES, respondArticle } from './shared.js';

export const check: ChatCommand = {
  data: new SlashCommandBuilder()
    .setName('check')
    .setDescription('Check a claim against the article: supported, partly, or not found, with the excerpts that decide.')
    .setContexts(...CONTEXTS)
    .setIntegrationTypes(...INTEGRATION_TYPES)
    .addStringOption((o) => o.setName('claim').setDescription('The claim, e.g. "YMTC owns the hybrid bonding technology"').setRequired(true).setMaxLength(1000))
    .addStringOption(articleOption)
    .addBooleanOption((o) => o.setName('private').setDescription('Only you see the verdict').setRequired(false)),

  async execute(interaction, context) {
    await context.answer(
      { kind: 'check', claim: interaction.options.getString('claim', true) },
      { articleId: interaction.options.getString('article') ?? undefined, ephemeral: interaction.options.getBoolean('private') ?? false },
    );
  },

  async autocomplete(interaction, bot) {
    await respondArticle(interaction, bot);
  },
};
