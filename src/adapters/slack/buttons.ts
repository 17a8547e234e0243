/**
 * The buttons Pilcrow puts on its messages: their `action_id`s and the small JSON values they
 * carry back, so a press needs no server-side state (except Share, whose message is cached).
 */
import { z } from 'zod';

/** Slack's limit for a button `value`. */
export const BUTTON_VALUE_MAX = 2000;

/** `action_id`s. Full-paragraph buttons get a `_<n>` suffix: ids must be unique within a message. */
export const ACTION = {
  more: 'pilcrow_more',
  full: 'pilcrow_full',
  voteUp: 'pilcrow_vote_up',
  voteDown: 'pilcrow_vote_down',
  share: 'pilcrow_share',
} as const;

/** Matches every Full paragraph button (`pilcrow_full`, `pilcrow_full_2`, …). */
export const FULL_ACTION_PATTERN = /^pilcrow_full(_\d+)?$/;

/**
 * Where a follow-up produced by a button goes when the clicked message is public:
 * `t` set → that thread; `t: ''` → top level (a DM); absent → the clicked message's own thread.
 */
const Where = { t: z.string().max(40).optional() };

export const MoreValue = z.object({ c: z.string().min(1).max(300), a: z.string().max(200).optional(), ...Where });
export type MoreValue = z.infer<typeof MoreValue>;

export const FullValue = z.object({
  c: z.string().min(1).max(300),
  a: z.string().max(200),
  p: z.number().int().positive(),
  ...Where,
});
export type FullValue = z.infer<typeof FullValue>;

export const VoteValue = z.object({
  c: z.string().min(1).max(300),
  q: z.string().max(1200).optional(),
  a: z.string().max(200).optional(),
  p: z.number().int().positive().optional(),
});
export type VoteValue = z.infer<typeof VoteValue>;

export const ShareValue = z.object({ k: z.string().min(1).max(100) });
export type ShareValue = z.infer<typeof ShareValue>;

/** Serializes a button value, refusing (at once) one that Slack would reject. */
export function encodeValue(value: object): string {
  const json = JSON.stringify(value);
  if (json.length > BUTTON_VALUE_MAX) {
    throw new RangeError(`Slack button value is ${json.length} characters; the limit is ${BUTTON_VALUE_MAX}.`);
  }
  return json;
}

/** Parses a button value; `undefined` when it is not ours or is malformed (e.g. an old message). */
export function decodeValue<T>(schema: z.ZodType<T>, raw: string | undefined): T | undefined {
  if (!raw) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
