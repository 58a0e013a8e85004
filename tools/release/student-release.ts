import { cp, mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { readCatalog, type CourseLayout } from "../exercises/catalog.ts";
import { PRISTINE_DIR, pristineStarter } from "../exercises/starter-files.ts";

/**
 * What a student release leaves out, relative to the course's root: the solutions (and with them
 * the hidden tests), the tests that prove the solutions right, and everything generated or installed.
 */
export const LEFT_OUT = [
  ".git",
  "node_modules",
  "build",
  "docs/dist",
  "solutions",
  "test/exercises/instructor",
] as const;

/**
 * Writes a copy of the course for students to `out`: everything but {@link LEFT_OUT}, plus the
 * untouched starters under `exercises/.starters/` so that `npm run exercise -- reset` and `list`
 * work without the solutions they were generated from. Returns the number of files written.
 */
export async function writeStudentRelease(layout: CourseLayout, out: string): Promise<number> {
  const existing = await readdir(out).catch(() => []);
  if (existing.length > 0) throw new Error(`${out} is not empty: choose a new folder for the release`);
  const leftOut = new Set(LEFT_OUT.map((entry) => path.join(layout.root, entry)));
  let count = 0;
  await cp(layout.root, out, {
    recursive: true,
    filter: (source) => {
      if (leftOut.has(source) || source.endsWith(".log")) return false;
      count += 1;
      return true;
    },
  });
  for (const exercise of await readCatalog(layout)) {
    for (const file of exercise.files) {
      const target = path.join(out, "exercises", PRISTINE_DIR, exercise.id, file);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, await pristineStarter(layout, exercise, file));
      // The copy of the exercise itself gets the starter too, whatever the instructor's copy holds.
      await writeFile(path.join(out, "exercises", exercise.id, file), await pristineStarter(layout, exercise, file));
      count += 1;
    }
  }
  return count;
}
