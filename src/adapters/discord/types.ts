/** The shapes shared by the Discord adapter's modules. */
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { AddPermission, Bot, Command } from '../../core/types.js';
import type { InsightsSource } from '../../store/question-log.js';

/** How to answer one interaction with a core reply. */
export interface AnswerOptions {
  /** Only the user who asked sees the answer (Discord's ephemeral flag). Default false. */
  ephemeral?: boolean | undefined;
  /** Restrict the request to one article id. */
  articleId?: string | undefined;
  /** The conversation to use instead of the interaction's own (buttons carry theirs). */
  conversationId?: string;
  /** What this user may add (`/article add`); decided by the command from the member's permissions. */
  mayAdd?: AddPermission;
}

/** What a command handler gets for the interaction it serves. */
export interface CommandContext {
  readonly bot: Bot;
  /**
   * Sends `command` to the core and answers the interaction with the rendered reply: within
   * Discord's 3 seconds (deferring when the core is slow), and privately with "something went
   * wrong" if anything fails.
   */
  answer(command: Command, options?: AnswerOptions): Promise<void>;
  /** `/discuss`: opens a thread for the discussion in a server channel (in place elsewhere). */
  discussInThread(options?: AnswerOptions): Promise<void>;
  /** Answers the interaction with one plain, private line. */
  say(text: string): Promise<void>;
  /** The permission a member needs to add articles (DISCORD_ADD_PERMISSION), as a bit field. */
  readonly addPermission: bigint;
  /** Its name, for telling people what they lack. */
  readonly addPermissionName: string;
  /** The question log's figures, when the log runs. */
  readonly insights?: InsightsSource;
}

/** A slash command: its definition beside its handler (registered from `data`, served by `execute`). */
export interface ChatCommand {
  readonly data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, bot: Bot): Promise<void>;
}

/** A message context-menu command (right-click a message → Apps). */
export interface MessageCommand {
  readonly data: { readonly name: string; toJSON(): RESTPostAPIContextMenuApplicationCommandsJSONBody };
  execute(interaction: MessageContextMenuCommandInteraction, context: CommandContext): Promise<void>;
}
