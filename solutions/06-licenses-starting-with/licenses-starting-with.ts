import { defineAction, type Action } from "#chapter-05/server/action.ts";
import type { CarRegistry } from "#chapter-05/server/car-registry.ts";

/**
 * The licenses in `registry` that start with `start`, ignoring case, sorted. An empty `start`
 * matches every license.
 */
export function licensesStartingWith(registry: CarRegistry, start: string): string[] {
  // BEGIN SOLUTION
  const wanted = start.toUpperCase();
  const matches: string[] = [];
  for (const [license] of registry.entries()) {
    if (license.toUpperCase().startsWith(wanted)) matches.push(license);
  }
  return matches.sort();
  // STARTER
  // throw new Error("Not implemented yet: licensesStartingWith (see the README)");
  // END SOLUTION
}

/**
 * The dispatch-table entry for `GET_LICENSES_STARTING_WITH(start)`, which replies
 * `[true, [license, ...]]`.
 */
export function licensesStartingWithAction(registry: CarRegistry): [string, Action] {
  // BEGIN SOLUTION
  return defineAction("GET_LICENSES_STARTING_WITH", [["start", "string"]], (start) => [
    true,
    licensesStartingWith(registry, start),
  ]);
  // STARTER
  // throw new Error("Not implemented yet: licensesStartingWithAction (see the README)");
  // END SOLUTION
}
