import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import type { Change } from "#chapter-06/server/audit-log.ts";
import { Mutex, type Lock } from "#chapter-06/server/mutex.ts";
import { createSampleRegistry } from "#chapter-06/server/sample-registrations.ts";
import { transferOwnership } from "./transfer-ownership.ts";

/** An audit log that takes a turn of the event loop to write, as a real file does. */
const slowAudit = async (_change: Change) => void (await nextTurn());

/** A mutex that counts how often it was acquired. */
function countingLock() {
  const mutex = new Mutex();
  let acquired = 0;
  const lock: Lock = {
    acquire: () => {
      acquired += 1;
      return mutex.acquire();
    },
  };
  return { lock, mutex, acquired: () => acquired };
}

describe("transferOwnership", () => {
  it("lets only the first of two concurrent transfers from the same owner through", async () => {
    const registry = createSampleRegistry();
    const context = { registry, audit: slowAudit, lock: new Mutex() };
    const replies = await Promise.all([
      transferOwnership(context, "024 HYR", "Jack Lemon", "Ada Byrne"),
      transferOwnership(context, "024 HYR", "Jack Lemon", "Li Wei"),
    ]);
    expect(replies).toEqual([[true, null], [false, "The car's owner is not Jack Lemon"]]);
    expect(registry.get("024 HYR")?.owner).toBe("Ada Byrne");
  });

  it("lets a transfer from the new owner follow a transfer still in progress", async () => {
    const registry = createSampleRegistry();
    const context = { registry, audit: slowAudit, lock: new Mutex() };
    const replies = await Promise.all([
      transferOwnership(context, "024 HYR", "Jack Lemon", "Ada Byrne"),
      transferOwnership(context, "024 HYR", "Ada Byrne", "Li Wei"),
    ]);
    expect(replies).toEqual([[true, null], [true, null]]);
    expect(registry.get("024 HYR")?.owner).toBe("Li Wei");
  });

  it("holds the lock while it records the change", async () => {
    const { lock, mutex } = countingLock();
    const lockedDuringAudit: boolean[] = [];
    const audit = async () => void lockedDuringAudit.push(mutex.isLocked);
    await transferOwnership({ registry: createSampleRegistry(), audit, lock }, "024 HYR", "Jack Lemon", "Ada Byrne");
    expect(lockedDuringAudit).toEqual([true]);
  });

  it("gives the lock back when recording the change fails", async () => {
    const { lock, mutex, acquired } = countingLock();
    const audit = async () => {
      throw new Error("disk full");
    };
    const registry = createSampleRegistry();
    await expect(transferOwnership({ registry, audit, lock }, "024 HYR", "Jack Lemon", "Ada Byrne")).rejects.toThrow("disk full");
    expect({ acquired: acquired(), locked: mutex.isLocked, owner: registry.get("024 HYR")?.owner }).toEqual({
      acquired: 1, locked: false, owner: "Jack Lemon",
    });
  });
});
