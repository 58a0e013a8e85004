import type { Reply } from "#chapter-08/protocol/messages.ts";
import type { Action, ActionTable } from "#chapter-08/server/action.ts";

/** Tells the time in milliseconds. Tests pass a clock they move by hand. */
export type Clock = () => number;

/** How many requests one address may make. */
export interface RateLimit {
  /** How many requests an address may make at once, after a quiet spell: the size of its bucket. */
  burst: number;
  /** How many requests per second an address may make in the long run: the rate its bucket refills at. */
  perSecond: number;
}

/** The reply to a request over the limit. */
export const TOO_MANY_REQUESTS: Reply = [false, "Too many requests, try again later"];

/**
 * A token bucket per client address. Each address starts with a full bucket of `burst` tokens; each
 * request takes one, and the bucket refills at `perSecond` tokens a second, never beyond `burst`.
 */
export class RateLimiter {
  readonly #limit: RateLimit;
  readonly #clock: Clock;

  /** Limits every address to `limit`, reading the time from `clock` (by default a monotonic one). */
  constructor(limit: RateLimit, clock: Clock = () => performance.now()) {
    this.#limit = limit;
    this.#clock = clock;
  }

  /** Takes a token from the bucket of `address` and returns true, or returns false when it is empty. */
  tryTake(address: string): boolean {
    throw new Error("Not implemented yet: RateLimiter.tryTake (see the README)");
  }

  /** Forgets every address whose bucket has filled up again, so that the limiter's memory stays bounded. */
  prune(): void {
    throw new Error("Not implemented yet: RateLimiter.prune (see the README)");
  }

  /** How many addresses the limiter keeps a bucket for. */
  get trackedCount(): number {
    throw new Error("Not implemented yet: RateLimiter.trackedCount (see the README)");
  }
}

/**
 * Returns a copy of `actions` in which every action first takes a token from the bucket of
 * `address`; when there is none, the reply is {@link TOO_MANY_REQUESTS} and the action does not run.
 */
export function rateLimited(actions: ActionTable, limiter: RateLimiter, address: string): ActionTable {
  throw new Error("Not implemented yet: rateLimited (see the README)");
}
