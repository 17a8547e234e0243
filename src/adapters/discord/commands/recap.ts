/** `/recap`: what this thread has discussed and not, the questions it could not answer, the claims checked. */
import { SlashCommandBuilder } from 'discord.js';
import type { ChatCommand } from '../types.js';
import { CONTEXTS, INTEGRATION_TYPES } from './shared.js';

export const recap: ChatCommand = {
  data: new SlashCommandBuilder()
    .setName('recap')
    .setDescription('What this thread has discussed so far, what it has not, and the claims checked.')
    .setContexts(...CONTEXTS)
    .setIntegrationTypes(...INTEGRATION_TYPES),

  async execute(_interaction, context) {
    await context.answer({ kind: 'recap' });
  },
};
