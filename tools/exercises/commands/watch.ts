/** `npm run exercise -- watch ID`: checks the exercise again every time one of its files is saved. */
import { watch } from "node:fs";
import path from "node:path";
import type { CourseLayout, GradedExercise } from "../catalog.ts";
import { checkInPlace, formatCheck } from "../self-check.ts";

/** Checks now, then after every save; a save during a check cancels it and starts again. Runs until Ctrl-C. */
export async function watchCommand(layout: CourseLayout, exercise: GradedExercise): Promise<number> {
  const folder = path.join(layout.exercisesDir, exercise.id);
  let running: AbortController | undefined;
  let timer: NodeJS.Timeout | undefined;
  const run = async () => {
    running?.abort();
    const controller = new AbortController();
    running = controller;
    const grade = await checkInPlace(layout, exercise, controller.signal);
    if (controller.signal.aborted) return;
    console.clear();
    console.log(formatCheck(exercise, grade));
    console.log(`\nwatching ${path.relative(process.cwd(), folder)}/ (Ctrl-C to stop)`);
  };
  watch(folder, { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), 100);
  });
  await run();
  return new Promise(() => {}); // until Ctrl-C
}
