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

// BEGIN SOLUTION
/** What is left in one address's bucket, and when that was worked out. */
interface Bucket {
  tokens: number;
  updatedAt: number;
}

// END SOLUTION
/**
 * A token bucket per client address. Each address starts with a full bucket of `burst` tokens; each
 * request takes one, and the bucket refills at `perSecond` tokens a second, never beyond `burst`.
 */
export class RateLimiter {
  readonly #limit: RateLimit;
  readonly #clock: Clock;
  // BEGIN SOLUTION
  /** Only buckets that are not full: a full bucket is what a new address gets anyway. */
  readonly #buckets = new Map<string, Bucket>();
  // END SOLUTION

  /** Limits every address to `limit`, reading the time from `clock` (by default a monotonic one). */
  constructor(limit: RateLimit, clock: Clock = () => performance.now()) {
    this.#limit = limit;
    this.#clock = clock;
  }

  /** Takes a token from the bucket of `address` and returns true, or returns false when it is empty. */
  tryTake(address: string): boolean {
    // BEGIN SOLUTION
    const now = this.#clock();
    const bucket = this.#buckets.get(address) ?? { tokens: this.#limit.burst, updatedAt: now };
    this.#refill(bucket, now);
    this.#buckets.set(address, bucket);
    if (bucket.tokens < 1) return false; // a refused request takes nothing
    bucket.tokens -= 1;
    return true;
    // STARTER
    // throw new Error("Not implemented yet: RateLimiter.tryTake (see the README)");
    // END SOLUTION
  }

  /** Forgets every address whose bucket has filled up again, so that the limiter's memory stays bounded. */
  prune(): void {
    // BEGIN SOLUTION
    const now = this.#clock();
    for (const [address, bucket] of this.#buckets) {
      this.#refill(bucket, now);
      if (bucket.tokens >= this.#limit.burst) this.#buckets.delete(address);
    }
    // STARTER
    // throw new Error("Not implemented yet: RateLimiter.prune (see the README)");
    // END SOLUTION
  }

  /** How many addresses the limiter keeps a bucket for. */
  get trackedCount(): number {
    // BEGIN SOLUTION
    return this.#buckets.size;
    // STARTER
    // throw new Error("Not implemented yet: RateLimiter.trackedCount (see the README)");
    // END SOLUTION
  }
  // BEGIN SOLUTION

  /** Adds the tokens earned since the bucket was last updated. A clock that went back earns nothing. */
  #refill(bucket: Bucket, now: number): void {
    const elapsedMs = Math.max(0, now - bucket.updatedAt);
    bucket.tokens = Math.min(this.#limit.burst, bucket.tokens + (elapsedMs * this.#limit.perSecond) / 1000);
    bucket.updatedAt = now;
  }
  // END SOLUTION
}

/**
 * Returns a copy of `actions` in which every action first takes a token from the bucket of
 * `address`; when there is none, the reply is {@link TOO_MANY_REQUESTS} and the action does not run.
 */
export function rateLimited(actions: ActionTable, limiter: RateLimiter, address: string): ActionTable {
  // BEGIN SOLUTION
  const limited = new Map<string, Action>();
  for (const [name, action] of actions) {
    limited.set(name, { run: (args) => (limiter.tryTake(address) ? action.run(args) : TOO_MANY_REQUESTS) });
  }
  return limited;
  // STARTER
  // throw new Error("Not implemented yet: rateLimited (see the README)");
  // END SOLUTION
}
