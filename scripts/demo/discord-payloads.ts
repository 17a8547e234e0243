/** Gateway payloads as Discord sends them: interactions and messages, in a channel, a thread or a DM. */
import { APP_ID, BOT_USER, CHANNEL_ID, DM_CHANNEL_ID, GUILD_ID, nextId, THREAD_ID, user } from './fake-discord.js';

/** Where an event happens. */
export type Place = 'channel' | 'thread' | 'dm';

let userCounter = 400000000000001000n;
/** A fresh user id, so each test has its own conversations and rate-limit budget. */
export const newUserId = () => String(++userCounter);

const channelId = (place: Place) => (place === 'thread' ? THREAD_ID : place === 'dm' ? DM_CHANNEL_ID : CHANNEL_ID);

function channelPayload(place: Place, userId: string): Record<string, unknown> {
  if (place === 'dm') return { id: DM_CHANNEL_ID, type: 1, last_message_id: null, recipients: [user(userId)] };
  if (place === 'thread') {
    return { id: THREAD_ID, type: 11, guild_id: GUILD_ID, parent_id: CHANNEL_ID, name: 'Samsung and YMTC', permissions: '1071698660929' };
  }
  return { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'general', permissions: '1071698660929' };
}

function base(type: number, place: Place, userId: string, data: unknown, extra: Record<string, unknown> = {}) {
  const where =
    place === 'dm'
      ? { user: user(userId), context: 1, authorizing_integration_owners: { '0': GUILD_ID } }
      : {
          guild_id: GUILD_ID,
          guild: { id: GUILD_ID, features: [], locale: 'en-US' },
          guild_locale: 'en-US',
          member: {
            user: user(userId),
            roles: [],
            joined_at: new Date().toISOString(),
            deaf: false,
            mute: false,
            flags: 0,
            pending: false,
            nick: null,
            avatar: null,
            permissions: '1071698660929',
          },
          context: 0,
          authorizing_integration_owners: { '0': GUILD_ID },
        };
  return {
    id: nextId(),
    application_id: APP_ID,
    type,
    token: `token-${nextId()}`,
    version: 1,
    channel_id: channelId(place),
    channel: channelPayload(place, userId),
    app_permissions: '1071698660929',
    locale: 'en-US',
    entitlements: [],
    attachment_size_limit: 10485760,
    data,
    ...where,
    ...extra,
  };
}

/** An option of a slash command as Discord sends it. */
export interface OptionValue {
  name: string;
  type: number;
  value: string | number | boolean;
  focused?: boolean;
}

/** String, integer and boolean options. */
export const opt = {
  string: (name: string, value: string, focused = false): OptionValue => ({ name, type: 3, value, ...(focused ? { focused } : {}) }),
  integer: (name: string, value: number | string, focused = false): OptionValue => ({ name, type: 4, value, ...(focused ? { focused } : {}) }),
  boolean: (name: string, value: boolean): OptionValue => ({ name, type: 5, value }),
};

/** INTERACTION_CREATE for a slash command. */
export function slashCommand(name: string, options: OptionValue[], userId: string, place: Place = 'channel') {
  return base(2, place, userId, { id: nextId(), name, type: 1, options });
}

/** INTERACTION_CREATE for autocomplete (one option has `focused: true`). */
export function autocomplete(name: string, options: OptionValue[], userId: string, place: Place = 'channel') {
  return base(4, place, userId, { id: nextId(), name, type: 1, options });
}

/** A message as the gateway and REST carry it. */
export function messagePayload(opts: {
  content: string;
  authorId: string;
  place?: Place;
  bot?: boolean;
  mentionsBot?: boolean;
  mentionRoles?: string[];
  embeds?: unknown[] | undefined;
  components?: unknown[] | undefined;
  flags?: number | undefined;
}): Record<string, unknown> {
  const place = opts.place ?? 'channel';
  const author = opts.authorId === BOT_USER.id ? BOT_USER : user(opts.authorId, opts.bot ? { bot: true } : {});
  return {
    id: nextId(),
    channel_id: channelId(place),
    ...(place === 'dm' ? { channel_type: 1 } : { guild_id: GUILD_ID, channel_type: place === 'thread' ? 11 : 0 }),
    author,
    ...(place === 'dm' || opts.authorId === BOT_USER.id
      ? {}
      : { member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 } }),
    content: opts.content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: opts.mentionsBot ? [BOT_USER] : [],
    mention_roles: opts.mentionRoles ?? [],
    attachments: [],
    embeds: opts.embeds ?? [],
    components: opts.components ?? [],
    pinned: false,
    type: 0,
    flags: opts.flags ?? 0,
  };
}

/** INTERACTION_CREATE for a button on `message`. */
export function buttonClick(customId: string, message: Record<string, unknown>, userId: string, place: Place = 'channel') {
  return base(3, place, userId, { custom_id: customId, component_type: 2 }, { message });
}

/** INTERACTION_CREATE for the message context-menu command `name` on `target`. */
export function messageMenu(name: string, target: Record<string, unknown>, userId: string, place: Place = 'channel') {
  return base(2, place, userId, {
    id: nextId(),
    name,
    type: 3,
    target_id: target.id,
    resolved: { messages: { [target.id as string]: target } },
  });
}
