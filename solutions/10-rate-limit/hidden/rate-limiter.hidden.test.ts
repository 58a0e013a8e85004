import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ActionTable } from "#chapter-08/server/action.ts";
import { createCarActions } from "#chapter-08/server/car-actions.ts";
import { createSampleRegistry } from "#chapter-08/server/sample-registrations.ts";
import { rateLimited, RateLimiter } from "../rate-limiter.ts";

/** A clock that stands still until the test moves it. */
function manualClock() {
  let now = 0;
  return { clock: () => now, advance: (ms: number) => void (now += ms) };
}

/** Rates that divide a second into whole milliseconds, so that no rounding is involved. */
const perSecond = fc.constantFrom(1, 2, 4, 5, 8, 10, 20, 25, 50, 100, 1000);
const burst = fc.integer({ min: 1, max: 5 });

describe("RateLimiter, hidden", () => {
  it("never refuses an address that keeps to the rate", () => {
    fc.assert(
      fc.property(burst, perSecond, fc.array(fc.nat({ max: 5_000 }), { minLength: 1, maxLength: 50 }), (burst, perSecond, extras) => {
        const { clock, advance } = manualClock();
        const limiter = new RateLimiter({ burst, perSecond }, clock);
        for (const extra of extras) {
          expect(limiter.tryTake("10.0.0.1")).toBe(true);
          advance(1000 / perSecond + extra);
        }
      }),
      { includeErrorInReport: true },
    );
  });

  it("never lets through more than `burst` plus what the rate refills, in any stretch of time", () => {
    fc.assert(
      fc.property(burst, perSecond, fc.array(fc.nat({ max: 3_000 }), { minLength: 1, maxLength: 100 }), (burst, perSecond, gaps) => {
        const { clock, advance } = manualClock();
        const limiter = new RateLimiter({ burst, perSecond }, clock);
        const allowedAt: number[] = [];
        let now = 0;
        for (const gap of gaps) {
          advance(gap);
          now += gap;
          if (limiter.tryTake("10.0.0.1")) allowedAt.push(now);
        }
        // From the i-th request let through to the j-th, j - i + 1 requests got through.
        for (const [i, start] of allowedAt.entries()) {
          for (const [j, end] of allowedAt.entries()) {
            if (j < i) continue;
            expect(j - i + 1, `requests let through from ${start} ms to ${end} ms`)
              .toBeLessThanOrEqual(Math.floor(burst + ((end - start) * perSecond) / 1000 + 1e-9));
          }
        }
      }),
      { includeErrorInReport: true },
    );
  });

  it("does not count a refused request against the address", () => {
    const { clock, advance } = manualClock();
    const limiter = new RateLimiter({ burst: 1, perSecond: 1 }, clock);
    expect(limiter.tryTake("10.0.0.1")).toBe(true);
    for (let attempt = 0; attempt < 10; attempt++) {
      advance(50);
      expect(limiter.tryTake("10.0.0.1")).toBe(false);
    }
    advance(500); // a second since the one request that got through
    expect(limiter.tryTake("10.0.0.1")).toBe(true);
  });

  it("treats a clock that goes back as no time passing: no tokens taken, none given", () => {
    const { clock, advance } = manualClock();
    advance(10_000);
    const limiter = new RateLimiter({ burst: 2, perSecond: 1 }, clock);
    expect(limiter.tryTake("10.0.0.1")).toBe(true);
    advance(-5_000);
    expect(limiter.tryTake("10.0.0.1")).toBe(true);
    expect(limiter.tryTake("10.0.0.1")).toBe(false);
  });
});

/**
 * A stand-in for chapter 9's `requireAdminToken` (this exercise is chapter 8's): SHUTDOWN runs only
 * with `token` as its last argument, and is refused with chapter 9's words otherwise.
 */
function withAdminToken(token: string, actions: ActionTable): ActionTable {
  const shutdown = actions.get("SHUTDOWN")!;
  const guarded = new Map(actions);
  guarded.set("SHUTDOWN", {
    run: (args) => (args.at(-1) === token ? shutdown.run(args.slice(0, -1)) : [false, "SHUTDOWN refused: wrong admin token"]),
  });
  return guarded;
}

describe("rateLimited, hidden", () => {
  it("slows down an address guessing the admin token: after the burst, even the right token is refused", async () => {
    let shutdowns = 0;
    const actions = withAdminToken("s3cret",
      createCarActions({ registry: createSampleRegistry(), requestShutdown: () => void shutdowns++ }));
    const limited = rateLimited(actions, new RateLimiter({ burst: 3, perSecond: 1 }, manualClock().clock), "10.0.0.1");
    for (const guess of ["a", "b", "c"]) {
      expect(await limited.get("SHUTDOWN")?.run([guess])).toEqual([false, "SHUTDOWN refused: wrong admin token"]);
    }
    expect(await limited.get("SHUTDOWN")?.run(["s3cret"])).toEqual([false, "Too many requests, try again later"]);
    expect(shutdowns).toBe(0);
  });
});
