/**
 * Conversation ids: the unit in which the core understands follow-ups.
 * A channel thread, a DM (or DM thread), or one user's private /article session in a channel.
 */

/** A thread (`thread` = the parent message's ts) or a DM's top level (`thread` undefined). */
export function threadConversation(team: string | undefined, channel: string, thread: string | undefined): string {
  return `slack:${team ?? '-'}:${channel}:${thread ?? 'top'}`;
}

/** One user's private `/article` session in one channel. */
export function commandConversation(team: string | undefined, channel: string, user: string): string {
  return `slack:${team ?? '-'}:${channel}:cmd:${user}`;
}

/** DM channel ids start with `D`; messages there are already private. */
export function isDirectMessageChannel(channel: string): boolean {
  return channel.startsWith('D');
}

/** A channel (or DM) of a workspace: what a current article is chosen for. */
export function channelKey(team: string | undefined, channel: string): string {
  return `slack:${team ?? '-'}:${channel}`;
}

/**
 * The tenant a request belongs to (`Request.tenant`): the Enterprise Grid organization when there
 * is one (its workspaces share their added articles, as they share users), else the workspace; a
 * DM belongs to the workspace it is in. Undefined when the payload names neither.
 */
export function slackTenant(ids: { team?: string | null | undefined; enterprise?: string | null | undefined }): { tenant?: string } {
  const id = ids.enterprise || ids.team;
  return id ? { tenant: `slack:${id}` } : {};
}
