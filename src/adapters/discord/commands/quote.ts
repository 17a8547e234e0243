/** `/quote paragraph:<n> [article]`: one whole paragraph, verbatim. */
import { SlashCommandBuilder } from 'discord.js';
import { interactionTenant } from '../conversation-id.js';
import type { ChatCommand } from '../types.js';
import { articleOption, CONTEXTS, INTEGRATION_TYPES, respondArticle, toChoices } from './shared.js';

export const quote: ChatCommand = {
  data: new SlashCommandBuilder()
    .setName('quote')
    .setDescription('Quote one whole paragraph of the article by its number.')
    .setContexts(...CONTEXTS)
    .setIntegrationTypes(...INTEGRATION_TYPES)
    .addIntegerOption((o) =>
      o.setName('paragraph').setDescription('Paragraph number (type words to find it)').setRequired(true).setMinValue(1).setAutocomplete(true),
    )
    .addStringOption(articleOption),

  async execute(interaction, context) {
    const articleId = interaction.options.getString('article') ?? undefined;
    await context.answer({ kind: 'quote', paragraph: interaction.options.getInteger('paragraph', true) }, { articleId });
  },

  async autocomplete(interaction, bot) {
    if (await respondArticle(interaction, bot)) return;
    // An integer option takes integer choices; the core's values are the paragraph numbers.
    const choices = toChoices(bot.paragraphChoices(String(interaction.options.getFocused()), 25, interactionTenant(interaction)))
      .filter((c) => /^\d+$/.test(c.value))
      .map((c) => ({ name: c.name, value: Number(c.value) }));
    await interaction.respond(choices);
  },
};
