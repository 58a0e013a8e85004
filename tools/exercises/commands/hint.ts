/** `npm run exercise -- hint ID`: the exercise's next hint, one more each time it is asked. */
import path from "node:path";
import type { CourseLayout, GradedExercise } from "../catalog.ts";
import { HintProgress, readHints } from "../hints.ts";

/** Prints the first hint not yet shown (the last one again once all have been) and records it. */
export async function hintCommand(layout: CourseLayout, exercise: GradedExercise): Promise<number> {
  const hints = await readHints(path.join(layout.exercisesDir, exercise.id, "README.md"));
  if (hints.length === 0) {
    console.log(`${exercise.id} has no hints.`);
    return 0;
  }
  const progress = new HintProgress(layout.root);
  const seen = await progress.seen(exercise.id);
  const index = Math.min(seen, hints.length - 1);
  const shown = hints[index];
  console.log(`${shown?.title ?? ""} (${index + 1} of ${hints.length})\n\n${shown?.body ?? ""}`);
  if (seen >= hints.length) console.log("\n(That was the last hint; the README has them all.)");
  await progress.record(exercise.id, Math.min(seen + 1, hints.length));
  return 0;
}
