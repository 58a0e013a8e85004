import { describe, expect, it } from "vitest";
import type { CarDetails, CarStore } from "#chapter-16/server/car-store.ts";
import { MemoryCarStore } from "#chapter-16/server/memory-store.ts";
import { createSampleRegistry } from "#chapter-16/server/sample-registrations.ts";
import { CachingStore } from "../caching-store.ts";

/** A promise, and the functions that settle it. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => ([resolve, reject] = [yes, no]));
  return { promise, resolve, reject };
}

/** The sample cars in memory, behind a store whose reads of `slow` wait until the test says. */
function storeWithASlowRead(slow: string) {
  const inner = new MemoryCarStore({ registry: createSampleRegistry() });
  const held: ((release: void) => void)[] = [];
  let reads = 0;
  const store: CarStore = {
    async details(license) {
      reads++;
      const details = await inner.details(license);
      if (license === slow) await new Promise<void>((release) => held.push(release));
      return details;
    },
    register: (license, car) => inner.register(license, car),
    raiseMileage: (license, mileage) => inner.raiseMileage(license, mileage),
    changeOwner: (license, owner) => inner.changeOwner(license, owner),
  };
  const letReadsThrough = () => held.splice(0).forEach((release) => release());
  return { store, letReadsThrough, reads: () => reads };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("CachingStore, hidden", () => {
  it("keeps nothing from a read that a write to the same car overtook", async () => {
    const { store, letReadsThrough } = storeWithASlowRead("024 HYR");
    const cache = new CachingStore(store);
    const stale = cache.details("024 HYR");
    await settle();
    expect(await cache.raiseMileage("024 HYR", 100_000)).toBe("changed");
    letReadsThrough();
    expect((await stale)?.mileage).toBe(97543);
    const fresh = cache.details("024 HYR");
    await settle();
    letReadsThrough();
    expect((await fresh)?.mileage).toBe(100_000);
  });

  it("keeps nothing from a read that began while a write to the same car was under way", async () => {
    const inner = new MemoryCarStore({ registry: createSampleRegistry() });
    const write = deferred<"changed">();
    let reads = 0;
    const store: CarStore = {
      details: (license) => (reads++, inner.details(license)),
      register: (license, car) => inner.register(license, car),
      raiseMileage: async (license, mileage) => {
        await write.promise;
        return inner.raiseMileage(license, mileage);
      },
      changeOwner: (license, owner) => inner.changeOwner(license, owner),
    };
    const cache = new CachingStore(store);
    const raised = cache.raiseMileage("024 HYR", 100_000);
    expect((await cache.details("024 HYR"))?.mileage).toBe(97543);
    write.resolve("changed");
    expect(await raised).toBe("changed");
    expect((await cache.details("024 HYR"))?.mileage).toBe(100_000);
    expect(reads).toBe(2);
  });

  it("goes on answering other cars from memory while one car is written", async () => {
    const { store, reads } = storeWithASlowRead("none");
    const cache = new CachingStore(store);
    await cache.details("381 PFD");
    await cache.raiseMileage("024 HYR", 100_000);
    await cache.changeOwner("B 402 KX", "Ann");
    expect(await cache.details("381 PFD")).toEqual({ seats: 5, mileage: 21050, owner: "Ada Byrne" });
    expect(reads()).toBe(1);
  });

  it("forgets a car even when the write to it fails", async () => {
    const inner = new MemoryCarStore({ registry: createSampleRegistry() });
    let fail = false;
    const store: CarStore = {
      details: (license) => inner.details(license),
      register: (license, car) => inner.register(license, car),
      raiseMileage: async (license, mileage) => {
        const answer = await inner.raiseMileage(license, mileage);
        if (fail) throw new Error("the journal is full");
        return answer;
      },
      changeOwner: (license, owner) => inner.changeOwner(license, owner),
    };
    const cache = new CachingStore(store);
    await cache.details("024 HYR");
    fail = true;
    await expect(cache.raiseMileage("024 HYR", 100_000)).rejects.toThrow("the journal is full");
    const details: CarDetails | undefined = await cache.details("024 HYR");
    expect(details?.mileage).toBe(100_000);
  });

  it("keeps nothing from a read that fails, and asks again", async () => {
    let attempts = 0;
    const inner = new MemoryCarStore({ registry: createSampleRegistry() });
    const store: CarStore = {
      details: async (license) => {
        if (++attempts === 1) throw new Error("the database cannot be reached");
        return inner.details(license);
      },
      register: (license, car) => inner.register(license, car),
      raiseMileage: (license, mileage) => inner.raiseMileage(license, mileage),
      changeOwner: (license, owner) => inner.changeOwner(license, owner),
    };
    const cache = new CachingStore(store);
    await expect(cache.details("024 HYR")).rejects.toThrow("cannot be reached");
    expect((await cache.details("024 HYR"))?.owner).toBe("Jack Lemon");
    expect(attempts).toBe(2);
  });
});
