import { defineAction, type Action } from "#chapter-05/server/action.ts";
import type { CarRegistry } from "#chapter-05/server/car-registry.ts";

/**
 * The licenses in `registry` that start with `start`, ignoring case, sorted. An empty `start`
 * matches every license.
 */
export function licensesStartingWith(registry: CarRegistry, start: string): string[] {
  throw new Error("Not implemented yet: licensesStartingWith (see the README)");
}

/**
 * The dispatch-table entry for `GET_LICENSES_STARTING_WITH(start)`, which replies
 * `[true, [license, ...]]`.
 */
export function licensesStartingWithAction(registry: CarRegistry): [string, Action] {
  throw new Error("Not implemented yet: licensesStartingWithAction (see the README)");
}
