/**
 * `/insights`: the question log's last 7 days, privately, for members who manage the server.
 * Discord hides the command from others (default member permissions); the handler checks again,
 * since a server can override who sees a command.
 */
import { interactionTenant } from '../conversation-id.js';
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { Insights } from '../../../store/question-log.js';
import type { ChatCommand } from '../types.js';
import { INTEGRATION_TYPES } from './shared.js';

export const INSIGHTS_TEXT = {
  notAllowed: 'Only members with the Manage Server permission can see insights.',
  unavailable: 'Insights are not available: the question log is not running.',
  failed: 'The question log could not be read just now. Try again in a moment.',
} as const;

const SUMMARY_TIMEOUT_MS = 2_000;

export const insights: ChatCommand = {
  data: new SlashCommandBuilder()
    .setName('insights')
    .setDescription('What people asked this week, what the article could not answer (only for you).')
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(...INTEGRATION_TYPES)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild),

  async execute(interaction, context) {
    if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return context.say(INSIGHTS_TEXT.notAllowed);
    if (!context.insights) return context.say(INSIGHTS_TEXT.unavailable);
    let summary: Insights;
    try {
      // Discord waits 3 seconds for the reply: a slow database gets the "try again" line instead.
      summary = await Promise.race([
        // The server's own questions only: another server's are not its business.
        context.insights.summary(7, interactionTenant(interaction)),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), SUMMARY_TIMEOUT_MS).unref()),
      ]);
    } catch {
      return context.say(INSIGHTS_TEXT.failed);
    }
    await context.say(renderInsights(summary, context.insights.pageUrl));
  },
};

/** The summary as one Discord message (well under 2,000 characters: five gaps at most). */
export function renderInsights(i: Insights, pageUrl: string | undefined): string {
  const t = i.totals;
  const lines = [`**Last 7 days:** ${t.questions} questions · ${t.answered} answered · ${t.notCovered} not covered · 👍 ${t.up} · 👎 ${t.down}`];
  const gaps = i.gaps.slice(0, 5);
  if (gaps.length > 0) {
    lines.push('**Asked, not in the article:**');
    for (const g of gaps) lines.push(`• ${(g.terms || '(no words)').replace(/[\\*_~`|>[\]()#-]/g, '\\$&').slice(0, 120)} — ${g.count}×`);
  }
  if (pageUrl) lines.push(`Details: <${pageUrl}>`);
  return lines.join('\n');
}
