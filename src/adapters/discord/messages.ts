/** The fixed lines the adapter itself says (everything else comes from the core). */

/** Shown privately for a command this version of Pilcrow does not serve (registered by an older release). */
export const UNKNOWN_COMMAND = "Pilcrow doesn't know that command any more. Try /ask.";

/** Shown privately for a button this version of Pilcrow does not know (e.g. from an old release). */
export const STALE_BUTTON = 'That button no longer works. Ask again with /ask.';

/** The private acknowledgement of a 👍 / 👎. */
export const THANKS_FOR_FEEDBACK = 'Thanks for the feedback. It helps improve the answers.';

/** How to use Pilcrow on Discord: added to /about and help replies (the core's help is platform-neutral). */
export const DISCORD_HELP =
  '`/ask` a question · `/quote` a paragraph by number · `/summary` · `/search` words · `@Pilcrow` in a thread to follow up · right-click a message → Apps → **Find in article**';
