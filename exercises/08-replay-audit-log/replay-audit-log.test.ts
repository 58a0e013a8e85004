import { describe, expect, it } from "vitest";
import type { Change } from "#chapter-07/server/audit-log.ts";
import { createSampleRegistry } from "#chapter-07/server/sample-registrations.ts";
import { DamagedLogError, replayAuditLog } from "./replay-audit-log.ts";

/** The audit log's text for these changes, as chapter 7's AuditLog writes it. */
function log(...changes: Change[]): string {
  return changes.map((change, index) => `${JSON.stringify({ at: `2026-01-01T00:00:0${index}.000Z`, change })}\n`).join("");
}

describe("replayAuditLog", () => {
  it("applies a mileage change the data file missed", () => {
    const registry = createSampleRegistry();
    replayAuditLog(registry, log(["CHANGE_MILEAGE", "024 HYR", 103491]));
    expect(registry.get("024 HYR")?.mileage).toBe(103491);
  });

  it("applies the changes in the order they were recorded", () => {
    const registry = createSampleRegistry();
    replayAuditLog(registry, log(["CHANGE_OWNER", "024 HYR", "Ada Byrne"], ["CHANGE_OWNER", "024 HYR", "Li Wei"]));
    expect(registry.get("024 HYR")?.owner).toBe("Li Wei");
  });

  it("registers a car the log created", () => {
    const registry = createSampleRegistry();
    replayAuditLog(registry, log(["NEW_REGISTRATION", "NEW 1", 4, 10, "Zoe Zed"]));
    expect(registry.get("NEW 1")).toMatchObject({ seats: 4, mileage: 10, owner: "Zoe Zed" });
  });

  it("changes nothing when replayed onto data that already has every change", () => {
    const text = log(["NEW_REGISTRATION", "NEW 1", 4, 10, "Zoe Zed"], ["CHANGE_MILEAGE", "NEW 1", 20]);
    const registry = createSampleRegistry();
    replayAuditLog(registry, text);
    replayAuditLog(registry, text);
    expect(registry.get("NEW 1")).toMatchObject({ seats: 4, mileage: 20, owner: "Zoe Zed" });
    expect(registry.size).toBe(6);
  });

  it("ignores a last line cut short by a crash, and counts the changes replayed", () => {
    const registry = createSampleRegistry();
    const text = `${log(["CHANGE_MILEAGE", "024 HYR", 103491])}{"at":"2026-01-01T00:00:09.000Z","change":["CHANGE_OW`;
    expect(replayAuditLog(registry, text)).toBe(1);
    expect(registry.get("024 HYR")?.owner).toBe("Jack Lemon");
  });

  it("rejects a damaged line in the middle of the log, naming its line number", () => {
    const text = `${log(["CHANGE_MILEAGE", "024 HYR", 103491])}not json\n${log(["CHANGE_OWNER", "024 HYR", "Li Wei"])}`;
    expect(() => replayAuditLog(createSampleRegistry(), text)).toThrow(DamagedLogError);
    expect(() => replayAuditLog(createSampleRegistry(), text)).toThrow("the audit log is damaged at line 2");
  });
});
