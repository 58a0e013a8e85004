import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import type { Reply } from "#chapter-06/protocol/messages.ts";
import type { Change } from "#chapter-06/server/audit-log.ts";
import { createCarActions } from "#chapter-06/server/car-actions.ts";
import { Mutex } from "#chapter-06/server/mutex.ts";
import { createSampleRegistry } from "#chapter-06/server/sample-registrations.ts";
import { transferOwnership } from "../transfer-ownership.ts";

const slowAudit = async (_change: Change) => void (await nextTurn());

describe("transferOwnership, hidden", () => {
  it("waits for a CHANGE_OWNER that holds the same lock", async () => {
    const registry = createSampleRegistry();
    const lock = new Mutex();
    const actions = createCarActions({ registry, requestShutdown() {}, audit: slowAudit, lock });
    const changed = Promise.resolve(actions.get("CHANGE_OWNER")?.run(["024 HYR", "Priya Nair"])) as Promise<Reply>;
    const transferred = transferOwnership({ registry, audit: slowAudit, lock }, "024 HYR", "Jack Lemon", "Li Wei");
    expect(await Promise.all([changed, transferred])).toEqual([[true, null], [false, "The car's owner is not Jack Lemon"]]);
    expect(registry.get("024 HYR")?.owner).toBe("Priya Nair");
  });

  it("runs a chain of three transfers in the order they were asked for", async () => {
    const registry = createSampleRegistry();
    const context = { registry, audit: slowAudit, lock: new Mutex() };
    const replies = await Promise.all([
      transferOwnership(context, "381 PFD", "Ada Byrne", "B"),
      transferOwnership(context, "381 PFD", "B", "C"),
      transferOwnership(context, "381 PFD", "C", "D"),
    ]);
    expect(replies).toEqual([[true, null], [true, null], [true, null]]);
    expect(registry.get("381 PFD")?.owner).toBe("D");
  });
});
