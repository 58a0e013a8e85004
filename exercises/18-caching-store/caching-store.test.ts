import { describe, expect, it } from "vitest";
import type { CarStore } from "#chapter-16/server/car-store.ts";
import { MemoryCarStore } from "#chapter-16/server/memory-store.ts";
import { createSampleRegistry } from "#chapter-16/server/sample-registrations.ts";
import { CachingStore } from "./caching-store.ts";

/** The sample cars in memory, behind a store that counts the reads that reach them. */
function countedStore(): { store: CarStore; reads: () => number } {
  const inner = new MemoryCarStore({ registry: createSampleRegistry() });
  let reads = 0;
  const store: CarStore = {
    details: (license) => {
      reads++;
      return inner.details(license);
    },
    register: (license, car) => inner.register(license, car),
    raiseMileage: (license, mileage) => inner.raiseMileage(license, mileage),
    changeOwner: (license, owner) => inner.changeOwner(license, owner),
  };
  return { store, reads: () => reads };
}

describe("CachingStore", () => {
  it("answers a second read of a car from memory, without asking the store behind it", async () => {
    const { store, reads } = countedStore();
    const cache = new CachingStore(store);
    const jack = { seats: 2, mileage: 97543, owner: "Jack Lemon" };
    expect(await cache.details("024 HYR")).toEqual(jack);
    expect(await cache.details("024 HYR")).toEqual(jack);
    expect(reads()).toBe(1);
  });

  it("asks again each time for a license the store behind it does not have", async () => {
    const { store, reads } = countedStore();
    const cache = new CachingStore(store);
    expect(await cache.details("NOBODY")).toBeUndefined();
    expect(await cache.details("NOBODY")).toBeUndefined();
    expect(reads()).toBe(2);
  });

  it("forgets a car it changes, and reads its new details from the store behind it", async () => {
    const { store, reads } = countedStore();
    const cache = new CachingStore(store);
    await cache.details("024 HYR");
    expect(await cache.raiseMileage("024 HYR", 100_000)).toBe("changed");
    expect((await cache.details("024 HYR"))?.mileage).toBe(100_000);
    expect(await cache.changeOwner("024 HYR", "Jill Lemon")).toBe("changed");
    expect((await cache.details("024 HYR"))?.owner).toBe("Jill Lemon");
    expect(reads()).toBe(3);
  });

  it("gives every write the answer of the store behind it", async () => {
    const cache = new CachingStore(countedStore().store);
    const car = { seats: 4, mileage: 10, owner: "Ann" };
    expect(await cache.register("NEW 1", car)).toBe("registered");
    expect(await cache.register("NEW 1", car)).toBe("duplicate");
    expect(await cache.raiseMileage("NEW 1", 5)).toBe("not higher");
    expect(await cache.raiseMileage("NOBODY", 5)).toBe("not registered");
    expect(await cache.changeOwner("NOBODY", "Bob")).toBe("not registered");
  });
});
