/** Routes each interaction: autocomplete, slash commands, the context menu, buttons. */
import { performance } from 'node:perf_hooks';
import type { Interaction } from 'discord.js';
import type { Logger } from '../../runtime/logger.js';
import { handleButton } from './buttons.js';
import { chatCommands, messageCommands } from './commands/index.js';
import { UNKNOWN_COMMAND } from './messages.js';
import { withinRate } from '../../delivery/admission.js';
import type { UserRateLimit } from '../../delivery/rate-limit.js';
import { describeInteraction, type Responder } from './respond.js';
import type { Bot } from '../../core/types.js';

/** What the interaction router needs. */
export interface InteractionDeps {
  bot: Bot;
  logger: Logger;
  limiter: UserRateLimit;
  /** Autocomplete's own, looser budget: it runs per keystroke, but a flood must not starve answers. */
  autocompleteLimiter: UserRateLimit;
  responder: Responder;
}

/** Returns the `interactionCreate` listener. The promise it returns never rejects. */
export function createInteractionHandler(deps: InteractionDeps): (interaction: Interaction) => Promise<void> {
  const { bot, logger, limiter, responder } = deps;
  return async (interaction) => {
    const startedAt = performance.now();
    if (interaction.isAutocomplete()) {
      // Autocomplete runs on every keystroke: cheap and private, with its own generous budget;
      // past it, the user gets no suggestions (an empty list) rather than a message.
      try {
        if (!(await deps.autocompleteLimiter.take(interaction.user.id)).allowed) {
          logger.debug({ userId: interaction.user.id, command: interaction.commandName }, 'discord: autocomplete rate limited');
          await interaction.respond([]);
          return;
        }
        const command = chatCommands.get(interaction.commandName);
        if (command?.autocomplete) await command.autocomplete(interaction, bot);
        else await interaction.respond([]);
      } catch (err) {
        logger.error({ err, command: interaction.commandName }, 'discord: autocomplete failed');
        if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
      }
      return;
    }
    if (!interaction.isRepliable()) return;
    try {
      const admitted = await withinRate(
        { platform: 'discord', limiter, load: responder.load },
        {
          userId: interaction.user.id,
          log: logger.child({ interaction: describeInteraction(interaction) }),
          tell: (text) => responder.say(interaction, startedAt, text),
        },
      );
      if (!admitted) return;
      const context = responder.contextFor(interaction, startedAt);
      if (interaction.isChatInputCommand()) {
        const command = chatCommands.get(interaction.commandName);
        await (command ? command.execute(interaction, context) : context.say(UNKNOWN_COMMAND));
      } else if (interaction.isMessageContextMenuCommand()) {
        const command = messageCommands.get(interaction.commandName);
        await (command ? command.execute(interaction, context) : context.say(UNKNOWN_COMMAND));
      } else if (interaction.isButton()) {
        await handleButton(interaction, context);
      } else {
        // Nothing Pilcrow registers produces other kinds; answer anyway rather than leave it hanging.
        await context.say(UNKNOWN_COMMAND);
      }
    } catch (err) {
      await responder.fail(interaction, err, { interaction: describeInteraction(interaction) });
    }
  };
}
