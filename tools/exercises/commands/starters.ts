/**
 * `npm run exercise -- starters [--check]`, for instructors: regenerates the starters from
 * `solutions/`, or with `--check` only compares them.
 */
import type { CourseLayout, GradedExercise } from "../catalog.ts";
import { syncStarters } from "../starter-files.ts";

/** Names each starter that differs from its solution's; with `checkOnly`, the status is 1 when any does. */
export async function startersCommand(layout: CourseLayout, catalog: readonly GradedExercise[], checkOnly: boolean): Promise<number> {
  const stale = await syncStarters(layout, catalog, checkOnly);
  for (const { exercise, file } of stale) {
    console.log(`${checkOnly ? "differs from its solution" : "rewrote"}: exercises/${exercise}/${file}`);
  }
  if (checkOnly && stale.length > 0) {
    console.log("run `npm run exercise -- starters` to regenerate the starters from solutions/");
    return 1;
  }
  console.log(`${stale.length === 0 ? "all starters match their solutions" : `${stale.length} starter(s) rewritten`}`);
  return 0;
}
