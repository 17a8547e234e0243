/** Pieces the command definitions share. */
import {
  ApplicationIntegrationType,
  InteractionContextType,
  type ApplicationCommandOptionChoiceData,
  type AutocompleteInteraction,
  type SlashCommandStringOption,
} from 'discord.js';
import type { Suggestion } from '../../../core/types.js';
import { interactionTenant } from '../conversation-id.js';
import { DISCORD_LIMITS } from '../render.js';
import type { Bot } from '../../../core/types.js';

/** Installed to a server; usable in its channels and threads, and in DMs with the bot. */
export const CONTEXTS = [InteractionContextType.Guild, InteractionContextType.BotDM] as const;
export const INTEGRATION_TYPES = [ApplicationIntegrationType.GuildInstall] as const;

/** The optional `article` option, for libraries holding several articles. */
export function articleOption(option: SlashCommandStringOption): SlashCommandStringOption {
  return option.setName('article').setDescription('Which article (when there are several)').setRequired(false).setAutocomplete(true);
}

/** Autocomplete choices within Discord's limits: at most 25, names and values at most 100 characters. */
export function toChoices(suggestions: readonly Suggestion[]): ApplicationCommandOptionChoiceData<string>[] {
  const out: ApplicationCommandOptionChoiceData<string>[] = [];
  for (const s of suggestions) {
    // A value is sent back as the option's value; a cut one would change the question, so it is skipped.
    if (s.value.length === 0 || s.value.length > DISCORD_LIMITS.choiceValue) continue;
    out.push({ name: clipName(s.name), value: s.value });
    if (out.length === DISCORD_LIMITS.autocompleteChoices) break;
  }
  return out;
}

/** Choice names are plain text (no markdown): cut on a word boundary with a marker. */
export function clipName(name: string): string {
  const flat = name.replace(/\s+/g, ' ').trim();
  if (flat.length <= DISCORD_LIMITS.choiceName) return flat || '…';
  const room = flat.slice(0, DISCORD_LIMITS.choiceName - 1);
  const space = room.lastIndexOf(' ');
  return `${(space > 50 ? room.slice(0, space) : room).trimEnd()}…`;
}

/** Article choices matching what is typed (by id or title). */
export function articleChoices(bot: Bot, typed: string, tenant: string | undefined): ApplicationCommandOptionChoiceData<string>[] {
  const t = typed.trim().toLowerCase();
  return toChoices(
    bot
      .articlesFor(tenant)
      .filter((a) => t === '' || a.id.toLowerCase().includes(t) || a.title.toLowerCase().includes(t))
      .map((a) => ({ name: a.title, value: a.id })),
  );
}

/** Answers autocomplete for the `article` option; true when that was the focused option. */
export async function respondArticle(interaction: AutocompleteInteraction, bot: Bot): Promise<boolean> {
  const focused = interaction.options.getFocused(true);
  if (focused.name !== 'article') return false;
  await interaction.respond(articleChoices(bot, focused.value, interactionTenant(interaction)));
  return true;
}
