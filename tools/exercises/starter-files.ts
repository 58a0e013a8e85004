import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { CourseLayout, Exercise } from "./catalog.ts";
import { starterFromSolution } from "./starter.ts";

/** Where a student release keeps the untouched starters, for `reset` and `list`. */
export const PRISTINE_DIR = ".starters";

/**
 * The untouched starter of one of an exercise's files: generated from `solutions/` in the
 * instructor's course, read from `exercises/.starters/` in a student release (which has no solutions).
 */
export async function pristineStarter(layout: CourseLayout, exercise: Exercise, file: string): Promise<string> {
  const solution = path.join(layout.solutionsDir, exercise.id, file);
  const text = await readFile(solution, "utf8").catch(() => undefined);
  if (text !== undefined) return starterFromSolution(text, path.relative(layout.root, solution));
  return readFile(path.join(layout.exercisesDir, PRISTINE_DIR, exercise.id, file), "utf8");
}

/** A starter file that differs from what its solution generates. */
export interface StaleStarter {
  readonly exercise: string;
  readonly file: string;
}

/**
 * Writes (or with `check`, only compares) every exercise's starters from its solutions.
 * Returns the files that were (or would be) rewritten.
 */
export async function syncStarters(layout: CourseLayout, exercises: readonly Exercise[], check: boolean): Promise<StaleStarter[]> {
  const stale: StaleStarter[] = [];
  for (const exercise of exercises) {
    for (const file of exercise.files) {
      const expected = await pristineStarter(layout, exercise, file);
      const target = path.join(layout.exercisesDir, exercise.id, file);
      const actual = await readFile(target, "utf8").catch(() => undefined);
      if (actual === expected) continue;
      stale.push({ exercise: exercise.id, file });
      if (!check) {
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, expected);
      }
    }
  }
  return stale;
}

/** True when every editable file of the exercise in `exercisesDir` is still the untouched starter. */
export async function isUntouched(layout: CourseLayout, exercise: Exercise): Promise<boolean> {
  for (const file of exercise.files) {
    const current = await readFile(path.join(layout.exercisesDir, exercise.id, file), "utf8").catch(() => undefined);
    if (current !== (await pristineStarter(layout, exercise, file))) return false;
  }
  return true;
}

/**
 * Puts the untouched starter back in every editable file of the exercise, after copying the
 * student's version to a new folder under `build/exercise-backups/`, named by the time; returns that folder.
 */
export async function resetToStarter(layout: CourseLayout, exercise: Exercise): Promise<string> {
  const backup = path.join(layout.root, "build", "exercise-backups", exercise.id, new Date().toISOString().replaceAll(":", "-"));
  await mkdir(backup, { recursive: true });
  for (const file of exercise.files) {
    const target = path.join(layout.exercisesDir, exercise.id, file);
    await copyFile(target, path.join(backup, file)).catch(() => undefined);
    await writeFile(target, await pristineStarter(layout, exercise, file));
  }
  return backup;
}
