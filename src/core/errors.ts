/** Errors whose message is meant for the person in the chat. */

/**
 * An expected failure with a message fit to show the user as is: one plain line saying what went
 * wrong and what to do, with no exception text, path of the server or secret in it.
 */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
}
