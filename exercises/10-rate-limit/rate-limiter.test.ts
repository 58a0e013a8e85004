import { describe, expect, it } from "vitest";
import type { Action } from "#chapter-08/server/action.ts";
import { createCarActions } from "#chapter-08/server/car-actions.ts";
import { createSampleRegistry } from "#chapter-08/server/sample-registrations.ts";
import { rateLimited, RateLimiter } from "./rate-limiter.ts";

/** A clock that stands still until the test moves it. */
function manualClock() {
  let now = 0;
  return { clock: () => now, advance: (ms: number) => void (now += ms) };
}

/** `count` requests from `address`, one after the other: which of them were let through. */
function takeMany(limiter: RateLimiter, address: string, count: number): boolean[] {
  return Array.from({ length: count }, () => limiter.tryTake(address));
}

describe("RateLimiter", () => {
  it("lets a new address make `burst` requests at once, and refuses the next", () => {
    const { clock } = manualClock();
    const limiter = new RateLimiter({ burst: 3, perSecond: 1 }, clock);
    expect(takeMany(limiter, "10.0.0.1", 4)).toEqual([true, true, true, false]);
  });

  it("gives a request back every 1000 / perSecond milliseconds", () => {
    const { clock, advance } = manualClock();
    const limiter = new RateLimiter({ burst: 2, perSecond: 4 }, clock);
    expect(takeMany(limiter, "10.0.0.1", 3)).toEqual([true, true, false]);
    advance(125); // half a token
    expect(limiter.tryTake("10.0.0.1")).toBe(false);
    advance(125); // a whole one
    expect(takeMany(limiter, "10.0.0.1", 2)).toEqual([true, false]);
    advance(500); // two
    expect(takeMany(limiter, "10.0.0.1", 3)).toEqual([true, true, false]);
  });

  it("never saves up more than `burst` requests, however long an address waits", () => {
    const { clock, advance } = manualClock();
    const limiter = new RateLimiter({ burst: 2, perSecond: 1 }, clock);
    expect(limiter.tryTake("10.0.0.1")).toBe(true);
    advance(3_600_000);
    expect(takeMany(limiter, "10.0.0.1", 3)).toEqual([true, true, false]);
  });

  it("keeps a bucket for each address: one address's flood does not refuse another", () => {
    const { clock } = manualClock();
    const limiter = new RateLimiter({ burst: 1, perSecond: 1 }, clock);
    expect(takeMany(limiter, "10.0.0.1", 2)).toEqual([true, false]);
    expect(takeMany(limiter, "10.0.0.2", 2)).toEqual([true, false]);
  });

  it("forgets, on prune(), every address whose bucket has filled up again", () => {
    const { clock, advance } = manualClock();
    const limiter = new RateLimiter({ burst: 2, perSecond: 1 }, clock);
    for (let host = 1; host <= 100; host++) limiter.tryTake(`10.0.0.${host}`);
    expect(limiter.trackedCount).toBe(100);
    advance(1_000);
    limiter.prune();
    expect(limiter.trackedCount).toBe(0);
  });

  it("keeps, on prune(), an address whose bucket is still refilling, with what is left in it", () => {
    const { clock, advance } = manualClock();
    const limiter = new RateLimiter({ burst: 2, perSecond: 1 }, clock);
    takeMany(limiter, "10.0.0.1", 2); // empty
    limiter.tryTake("10.0.0.2"); // one left
    advance(1_000); // 10.0.0.1 has one token again, 10.0.0.2 is full
    limiter.prune();
    expect(limiter.trackedCount).toBe(1);
    expect(takeMany(limiter, "10.0.0.1", 2)).toEqual([true, false]);
  });
});

describe("rateLimited", () => {
  it("runs the action while the address has requests left, and gives back its reply", async () => {
    const actions = createCarActions({ registry: createSampleRegistry(), requestShutdown() {} });
    const limited = rateLimited(actions, new RateLimiter({ burst: 5, perSecond: 1 }, manualClock().clock), "10.0.0.1");
    expect(await limited.get("GET_CAR_DETAILS")?.run(["024 HYR"])).toEqual([true, 2, 97543, "Jack Lemon"]);
    expect(await limited.get("CHANGE_OWNER")?.run(["024 HYR", "Jill Lemon"])).toEqual([true, null]);
    expect(await limited.get("GET_CAR_DETAILS")?.run(["024 HYR"])).toEqual([true, 2, 97543, "Jill Lemon"]);
  });

  it("refuses with \"Too many requests, try again later\" and does not run the action", async () => {
    let runs = 0;
    const ping: Action = {
      run: () => {
        runs += 1;
        return [true, "pong"];
      },
    };
    const limiter = new RateLimiter({ burst: 1, perSecond: 1 }, manualClock().clock);
    const limited = rateLimited(new Map([["PING", ping]]), limiter, "10.0.0.1");
    expect(await limited.get("PING")?.run([])).toEqual([true, "pong"]);
    expect(await limited.get("PING")?.run([])).toEqual([false, "Too many requests, try again later"]);
    expect(runs).toBe(1);
  });

  it("takes every action of an address from the same bucket, and no other address's", async () => {
    const actions = createCarActions({ registry: createSampleRegistry(), requestShutdown() {} });
    const limiter = new RateLimiter({ burst: 2, perSecond: 1 }, manualClock().clock);
    const first = rateLimited(actions, limiter, "10.0.0.1");
    const again = rateLimited(actions, limiter, "10.0.0.1"); // the same client's next connection
    const other = rateLimited(actions, limiter, "10.0.0.2");
    expect(await first.get("GET_CAR_DETAILS")?.run(["024 HYR"])).toEqual([true, 2, 97543, "Jack Lemon"]);
    expect(await first.get("CHANGE_MILEAGE")?.run(["024 HYR", 97600])).toEqual([true, null]);
    expect(await again.get("GET_CAR_DETAILS")?.run(["024 HYR"])).toEqual([false, "Too many requests, try again later"]);
    expect(await other.get("GET_CAR_DETAILS")?.run(["024 HYR"])).toEqual([true, 2, 97600, "Jack Lemon"]);
  });
});
