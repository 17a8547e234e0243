/**
 * Which conversation a Discord event belongs to. Follow-ups ("why?", "and Europe?") are understood
 * within one conversation, so:
 * - a thread is one conversation, shared by everyone in it;
 * - a DM is one conversation;
 * - in an ordinary channel, each user has their own conversation, so two people asking at once
 *   do not take each other's questions as context.
 */
export interface ConversationPlace {
  channelId: string;
  userId: string;
  isThread: boolean;
  isDirect: boolean;
}

/** The core conversation id for a place: `dc:<channel>` or `dc:<channel>:<user>`. */
export function conversationId(place: ConversationPlace): string {
  return place.isThread || place.isDirect ? `dc:${place.channelId}` : `dc:${place.channelId}:${place.userId}`;
}

/**
 * The key of the channel whose current article a request uses: `dc:<channel>`, or a thread's
 * parent channel (a thread discusses its channel's article), or the DM.
 */
export function channelKey(channelId: string, parentId?: string | null): string {
  return `dc:${parentId ?? channelId}`;
}

/**
 * The tenant a request belongs to (`Request.tenant`): its server, `discord:<guild id>`. A DM has no
 * server, and a user may share many with the bot: a DM is the user's own tenant,
 * `discord:dm:<user id>` — it sees the bundled articles and what the user added in DMs, never a
 * server's.
 */
export function discordTenant(place: { guildId: string | null; userId: string }): string {
  return place.guildId ? `discord:${place.guildId}` : `discord:dm:${place.userId}`;
}

/** The tenant of an interaction (a command, a button, an autocomplete): its server, or in a DM the user's own. */
export function interactionTenant(interaction: { guildId: string | null; user: { id: string } }): string {
  return discordTenant({ guildId: interaction.guildId, userId: interaction.user.id });
}
