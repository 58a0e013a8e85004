import { execFile } from "node:child_process";
import { cp, mkdir, readdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
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
 * Writes a copy of the course for students to `out`: its files but {@link LEFT_OUT}, plus the
 * untouched starters under `exercises/.starters/` so that `npm run exercise -- reset` and `list`
 * work without the solutions they were generated from. Returns the number of files written.
 */
export async function writeStudentRelease(layout: CourseLayout, out: string): Promise<number> {
  const existing = await readdir(out).catch(() => []);
  if (existing.length > 0) throw new Error(`${out} is not empty: choose a new folder for the release`);
  const leftOut = LEFT_OUT.map((entry) => `${entry}/`);
  const files = (await courseFiles(layout.root)).filter(
    (file) => !leftOut.some((prefix) => `${file}/`.startsWith(prefix)) && !file.endsWith(".log"),
  );
  for (const file of files) {
    await mkdir(path.dirname(path.join(out, file)), { recursive: true });
    await cp(path.join(layout.root, file), path.join(out, file));
  }
  let count = files.length;
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

/**
 * The course's files, relative to its root: in a git repository, the files git tracks or would
 * track (so nothing `.gitignore` leaves out, like a server's data file); elsewhere, every file.
 */
async function courseFiles(root: string): Promise<string[]> {
  try {
    const { stdout } = await promisify(execFile)("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
    });
    const listed = stdout.split("\0").filter((file) => file !== "");
    // A file deleted but not yet committed is still listed by --cached.
    const present = await Promise.all(listed.map((file) => stat(path.join(root, file)).then((s) => s.isFile(), () => false)));
    return listed.filter((_, index) => present[index]);
  } catch {
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
      .filter((file) => !file.split(path.sep).includes("node_modules"));
  }
}
