/** `/ask question:<text> [private:<bool>]`: the cited answer. */
import { SlashCommandBuilder } from 'discord.js';
import { interactionTenant } from '../conversation-id.js';
import type { ChatCommand } from '../types.js';
import { CONTEXTS, INTEGRATION_TYPES, toChoices } from './shared.js';

export const ask: ChatCommand = {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask about the article; the answer quotes it verbatim, citing each paragraph (¶N).')
    .setContexts(...CONTEXTS)
    .setIntegrationTypes(...INTEGRATION_TYPES)
    .addStringOption((o) =>
      o.setName('question').setDescription('Your question, or pick a key phrase from the article').setRequired(true).setAutocomplete(true),
    )
    .addBooleanOption((o) => o.setName('private').setDescription('Only you see the answer').setRequired(false)),

  async execute(interaction, context) {
    await context.answer(
      { kind: 'ask', question: interaction.options.getString('question', true) },
      { ephemeral: interaction.options.getBoolean('private') ?? false },
    );
  },

  async autocomplete(interaction, bot) {
    await interaction.respond(toChoices(bot.suggestQuestions(interaction.options.getFocused(), 25, interactionTenant(interaction))));
  },
};
