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
  // BEGIN SOLUTION
  const lines = logText.split("\n");
  lines.pop(); // "" after the last newline, or a last line cut short by a crash
  let replayed = 0;
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const change = parseChange(line);
    if (change === undefined || !apply(registry, change)) throw new DamagedLogError(index + 1);
    replayed += 1;
  }
  return replayed;
  // STARTER
  // throw new Error("Not implemented yet: replayAuditLog (see the README)");
  // END SOLUTION
}
// BEGIN SOLUTION

function parseChange(line: string): unknown[] | undefined {
  try {
    const entry: unknown = JSON.parse(line);
    const change = (entry as { change?: unknown } | null)?.change;
    return Array.isArray(change) ? change : undefined;
  } catch {
    return undefined;
  }
}

/** Applies one change; false when it is not a change this server makes. */
function apply(registry: CarRegistry, [action, license, ...values]: unknown[]): boolean {
  if (typeof license !== "string") return false;
  const car = registry.get(license);
  switch (action) {
    case "CHANGE_MILEAGE": {
      const [mileage] = values;
      if (typeof mileage !== "number") return false;
      if (car !== undefined) car.mileage = mileage;
      return true;
    }
    case "CHANGE_OWNER": {
      const [owner] = values;
      if (typeof owner !== "string") return false;
      if (car !== undefined) car.owner = owner;
      return true;
    }
    case "NEW_REGISTRATION": {
      const [seats, mileage, owner] = values;
      if (typeof seats !== "number" || typeof mileage !== "number" || typeof owner !== "string") return false;
      if (car === undefined) registry.set(license, new Car(seats, mileage, owner));
      return true;
    }
    default:
      return false;
  }
}
// END SOLUTION
