import { Car } from "#chapter-07/server/car.ts";
import type { CarRegistry } from "#chapter-07/server/car-registry.ts";

/** A line of the audit log in the middle of the file is not a change: the log is damaged. */
export class DamagedLogError extends Error {
  override readonly name = "DamagedLogError";

  constructor(
    /** The 1-based number of the damaged line. */
    readonly line: number,
  ) {
    super(`the audit log is damaged at line ${line}`);
  }
}

/**
 * Brings `registry`, as loaded from the data file, up to date with the audit log's text: applies
 * every change the log records, in order. Changes the data file already has change nothing, so the
 * whole log can be replayed onto any data file saved from it. A last line without its newline was
 * cut short by a crash and is ignored. Returns how many changes were replayed.
 *
 * @throws {DamagedLogError} for a line, other than a cut-short last one, that is not a change.
 */
export function replayAuditLog(registry: CarRegistry, logText: string): number {
  throw new Error("Not implemented yet: replayAuditLog (see the README)");
}
