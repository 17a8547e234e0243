/**
 * The front of the one request pipeline both platforms share: the user's rate limit, then the
 * load bound (past it, new work is shed with a short note instead of queueing without bound),
 * then the work itself: answer, render, deliver through the outbox. One set of counters and one
 * set of lines for Slack and Discord; each adapter supplies only how to tell its user something.
 */
import type { Logger } from '../runtime/logger.js';
import { rateLimitMessage, type UserRateLimit } from './rate-limit.js';

/** Most answers in progress or waiting per process before new ones are shed (`MAX_PENDING`). */
export const DEFAULT_MAX_PENDING = 200;

/** Shown privately when a request is shed because too many answers are in progress. */
export const BUSY = 'I’m busy with a lot of questions right now and could not take yours. Please try again in a minute.';

/** Shown privately when answering or delivering fails; the details go to the log, never to chat. */
export const SOMETHING_WENT_WRONG = 'Sorry, something went wrong on my side while answering. Please try again in a moment.';

/** Answers in progress on one adapter, the bound past which new ones are shed, and what was shed. */
export interface RequestLoad {
  active: number;
  /** MAX_PENDING. */
  max: number;
  /** Requests shed so far. */
  shed: number;
  /** Shed requests whose busy note was not sent either (the notes are bounded too). */
  busyNotesDropped: number;
}

/** A fresh load counter bounded at `max`. */
export function requestLoad(max = DEFAULT_MAX_PENDING): RequestLoad {
  return { active: 0, max, shed: 0, busyNotesDropped: 0 };
}

/** What admission works with: the platform's name (for logs), its rate limit and its load. */
export interface Admission {
  platform: 'slack' | 'discord';
  limiter: UserRateLimit;
  load: RequestLoad;
}

/** How one request is admitted and what to do with it. */
export interface Admitted {
  userId: string;
  /** A plain message in a followed thread: nobody asked, so nothing is said when it is dropped. */
  passive?: boolean;
  log: Logger;
  /** Tells the user something privately (the rate-limit or busy line). */
  tell(text: string): Promise<void>;
  /** Tell a rate-limited user once per window only (a channel mention's notice goes by DM). */
  quietAfterFirstRefusal?: boolean;
  /** Whether a busy note may still go out (bounded under a flood). Default: always. */
  mayTellBusy?(): boolean;
}

/**
 * Checks the user's rate limit; false (and the user told, unless the request is passive) when it
 * is spent. Used alone where the load is bound further down (Discord's interaction responder).
 */
export async function withinRate(admission: Admission, request: Admitted): Promise<boolean> {
  const decision = await admission.limiter.take(request.userId);
  if (decision.allowed) return true;
  if (request.passive) return false;
  request.log.info(
    { event: 'request.rate_limited', platform: admission.platform, retryAfterMs: decision.retryAfterMs },
    `${admission.platform}: request rate limited`,
  );
  if (request.quietAfterFirstRefusal && !decision.firstRefusal) return false;
  await request.tell(rateLimitMessage(decision.retryAfterMs, admission.limiter.perMinute));
  return false;
}

/**
 * Runs `work` within the load bound: past `load.max` answers in progress the request is shed
 * (counted, logged once per 100, the user told when notes are not themselves bounded out).
 * Returns whether the work ran.
 */
export async function withinLoad(admission: Admission, request: Admitted, work: () => Promise<void>): Promise<boolean> {
  const load = admission.load;
  if (load.active >= load.max) {
    if (request.passive) return false;
    load.shed += 1;
    // One line per 100 shed requests: a flood must not become a flood of log lines too.
    if (load.shed % 100 === 1)
      request.log.warn(
        { event: 'request.shed', platform: admission.platform, active: load.active, shed: load.shed },
        `${admission.platform}: busy, request shed`,
      );
    if (request.mayTellBusy?.() ?? true) await request.tell(BUSY);
    else load.busyNotesDropped += 1;
    return false;
  }
  load.active += 1;
  try {
    await work();
  } finally {
    load.active -= 1;
  }
  return true;
}

/** The rate limit, then the load bound, then `work`: the shared front of every answer. */
export async function admit(admission: Admission, request: Admitted, work: () => Promise<void>): Promise<boolean> {
  if (!(await withinRate(admission, request))) return false;
  return withinLoad(admission, request, work);
}
