/**
 * Every command Pilcrow serves on Discord. `npm run discord:register` registers exactly these
 * definitions, and the adapter dispatches to exactly these handlers.
 */
import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import type { ChatCommand, MessageCommand } from '../types.js';
import { about } from './about.js';
import { article } from './article.js';
import { ask } from './ask.js';
import { check } from './check.js';
import { discuss } from './discuss.js';
import { findInArticle } from './find-in-article.js';
import { insights } from './insights.js';
import { quote } from './quote.js';
import { recap } from './recap.js';
import { search } from './search.js';
import { summary } from './summary.js';

/** Slash commands by name. */
export const chatCommands: ReadonlyMap<string, ChatCommand> = new Map(
  [ask, quote, summary, search, check, discuss, recap, about, article, insights].map((c) => [c.data.name, c]),
);

/** Message context-menu commands by name. */
export const messageCommands: ReadonlyMap<string, MessageCommand> = new Map([findInArticle].map((c) => [c.data.name, c]));

/** The JSON bodies to register with Discord. */
export function commandDefinitions(): RESTPostAPIApplicationCommandsJSONBody[] {
  return [...[...chatCommands.values()].map((c) => c.data.toJSON()), ...[...messageCommands.values()].map((c) => c.data.toJSON())];
}
