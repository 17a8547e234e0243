/**
 * `/article add url:<link> | file:<attachment>`, `/article use article:<id>`, `/article list`,
 * `/article follow enabled:<bool>`, `/article remove article:<id>`: adding an article to the
 * library, choosing the channel's current article, follow mode for the channel, and removing an
 * article added from chat (bundled ones stay).
 * Adding and removing need the DISCORD_ADD_PERMISSION permission (Manage Messages by default) in a server
 * channel; anyone else is told so privately.
 */
import { SlashCommandBuilder } from 'discord.js';
import { interactionTenant } from '../conversation-id.js';
import type { ChatCommand } from '../types.js';
import { articleChoices, CONTEXTS, INTEGRATION_TYPES } from './shared.js';

/** File types `/article add file:` accepts (the extractor reads these). */
const FILE_TYPES = /\.(?:md|markdown|txt|html?|pdf)$/i;

export const article: ChatCommand = {
  data: new SlashCommandBuilder()
    .setName('article')
    .setDescription('Add an article, or choose the one this channel discusses.')
    .setContexts(...CONTEXTS)
    .setIntegrationTypes(...INTEGRATION_TYPES)
    .addSubcommand((sub) =>
      sub
        .setName('add')
        .setDescription('Add an article from a link or a file (.md, .txt, .html, .pdf); it becomes this channel’s article.')
        .addStringOption((o) => o.setName('url').setDescription('A link to the article (https://…)').setRequired(false).setMaxLength(2000))
        .addAttachmentOption((o) => o.setName('file').setDescription('The article as a .md, .txt, .html or .pdf file').setRequired(false)),
    )
    .addSubcommand((sub) =>
      sub
        .setName('use')
        .setDescription('Make an article this channel’s current article.')
        .addStringOption((o) => o.setName('article').setDescription('Which article').setRequired(true).setAutocomplete(true)),
    )
    .addSubcommand((sub) =>
      sub
        .setName('remove')
        .setDescription('Remove an article added from chat (bundled articles stay).')
        .addStringOption((o) => o.setName('article').setDescription('Which article (its id)').setRequired(true).setAutocomplete(true)),
    )
    .addSubcommand((sub) => sub.setName('list').setDescription('The articles, and which one this channel discusses.'))
    .addSubcommand((sub) =>
      sub
        .setName('follow')
        .setDescription('Follow mode: answer questions in threads Pilcrow is part of without being mentioned.')
        .addBooleanOption((o) => o.setName('enabled').setDescription('On or off').setRequired(true)),
    ),

  async execute(interaction, context) {
    const sub = interaction.options.getSubcommand(true);
    if (sub === 'list') return context.answer({ kind: 'list' }, { ephemeral: true });
    if (sub === 'use') return context.answer({ kind: 'use', articleId: interaction.options.getString('article', true) });
    if (sub === 'follow') {
      if (!interaction.inGuild()) return context.say('Follow mode is for server channels.');
      if (!interaction.memberPermissions?.has(context.addPermission)) {
        return context.say(`Changing follow mode needs the ${spaced(context.addPermissionName)} permission in this channel. Ask a moderator.`);
      }
      return context.answer({ kind: 'follow', on: interaction.options.getBoolean('enabled', true) }, { mayAdd: 'links' });
    }
    if (sub === 'remove') {
      if (!interaction.inGuild()) return context.say('Remove articles from a server channel, where Pilcrow can check that you may.');
      if (!interaction.memberPermissions?.has(context.addPermission)) {
        return context.say(`Removing articles needs the ${spaced(context.addPermissionName)} permission in this channel. Ask a moderator.`);
      }
      return context.answer({ kind: 'remove', articleId: interaction.options.getString('article', true) }, { mayAdd: 'links' });
    }

    // add
    if (!interaction.inGuild()) return context.say('Add articles from a server channel, where Pilcrow can check that you may.');
    if (!interaction.memberPermissions?.has(context.addPermission)) {
      return context.say(`Adding articles needs the ${spaced(context.addPermissionName)} permission in this channel. Ask a moderator to add it.`);
    }
    const url = interaction.options.getString('url')?.trim();
    const file = interaction.options.getAttachment('file');
    if (Boolean(url) === Boolean(file)) return context.say('Give either a link (url) or a file (file), one of the two.');
    if (file && !FILE_TYPES.test(file.name)) return context.say(`I can add .md, .txt, .html and .pdf files; "${file.name}" is none of these.`);
    const source = file ? { kind: 'attachment' as const, url: file.url, name: file.name } : { kind: 'link' as const, url: url! };
    await context.answer({ kind: 'add', source }, { mayAdd: 'links' });
  },

  async autocomplete(interaction, bot) {
    await interaction.respond(articleChoices(bot, String(interaction.options.getFocused()), interactionTenant(interaction)));
  },
};

/** "ManageMessages" → "Manage Messages". */
function spaced(name: string): string {
  return name.replace(/(?<=[a-z])(?=[A-Z])/g, ' ');
}
