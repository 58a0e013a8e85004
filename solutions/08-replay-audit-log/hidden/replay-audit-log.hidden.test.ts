import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AuditLog } from "#chapter-07/server/audit-log.ts";
import { createSampleRegistry } from "#chapter-07/server/sample-registrations.ts";
import { DamagedLogError, replayAuditLog } from "../replay-audit-log.ts";

describe("replayAuditLog, hidden", () => {
  it("replays a log written by chapter 7's AuditLog", async () => {
    const dir = await mkdtemp(join(tmpdir(), "replay-"));
    try {
      const file = join(dir, "cars.log");
      const auditLog = await AuditLog.open(file);
      await auditLog.record(["NEW_REGISTRATION", "LOG 1", 5, 0, "Ann"]);
      await auditLog.record(["CHANGE_OWNER", "LOG 1", "Ben"]);
      await auditLog[Symbol.asyncDispose]();
      const registry = createSampleRegistry();
      expect(replayAuditLog(registry, await readFile(file, "utf8"))).toBe(2);
      expect(registry.get("LOG 1")).toMatchObject({ seats: 5, owner: "Ben" });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("rejects a line that is JSON but not a change this server makes", () => {
    const text = `${JSON.stringify({ at: "x", change: ["DELETE_EVERYTHING", "024 HYR"] })}\n`;
    expect(() => replayAuditLog(createSampleRegistry(), text)).toThrow(DamagedLogError);
  });

  it("replays nothing from an empty log", () => {
    const registry = createSampleRegistry();
    expect(replayAuditLog(registry, "")).toBe(0);
    expect(registry.size).toBe(5);
  });
});
