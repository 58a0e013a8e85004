/**
 * The student loop: `npm run exercise -- COMMAND [ID]`.
 *
 *   list          every exercise: not started, failing (with points) or passing
 *   check ID      type-checks and tests your files as the grader will (without its hidden tests)
 *   watch ID      checks again every time you save a file of the exercise
 *   hint ID       shows the exercise's next hint
 *   reset ID      puts the starter back (your version is kept under build/exercise-backups/)
 *   starters      (instructors) regenerates the starters from solutions/; `--check` only compares
 *
 * ID is the folder name (`01-version-byte`), its number (`1`) or its slug (`version-byte`).
 */
import { watch } from "node:fs";
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { ExerciseGrade } from "../grade/scoring.ts";
import { gradeBatch } from "../grade/grade-batch.ts";
import { gradeExercise } from "../grade/grade-exercise.ts";
import { courseLayout, readCatalog, type CourseLayout, type GradedExercise } from "./catalog.ts";
import { writeChapterCode } from "./chapter-code.ts";
import { HintProgress, readHints } from "./hints.ts";
import { isUntouched, pristineStarter, syncStarters } from "./starter-files.ts";
import { exitQuietlyWhenOutputCloses } from "../course/node-tools.ts";

exitQuietlyWhenOutputCloses();

const USAGE = `usage: npm run exercise -- list | check ID | watch ID | hint ID | reset ID | starters [--check]`;

const { values: flags, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  strict: false,
  options: { course: { type: "string" }, check: { type: "boolean", default: false } },
});
/** The course: this repository, or another one named with `--course DIR` (the tools' tests use a fixture). */
const layout = courseLayout(typeof flags.course === "string" ? path.resolve(flags.course) : fileURLToPath(new URL("../..", import.meta.url)));

/** Finds an exercise by folder name, number or slug. */
function findExercise(catalog: readonly GradedExercise[], id: string | undefined): GradedExercise {
  const found = catalog.find((exercise) =>
    exercise.id === id || exercise.id.slice(3) === id || (id !== undefined && /^\d+$/.test(id) && Number(exercise.id.slice(0, 2)) === Number(id)));
  if (found === undefined) {
    throw new UsageError(`${id === undefined ? "which exercise?" : `no exercise "${id}"`} (try: npm run exercise -- list)`);
  }
  return found;
}

class UsageError extends Error {}

/** Checks the student's own files, in place, without the hidden tests. */
function checkInPlace(exercise: GradedExercise, signal?: AbortSignal): Promise<ExerciseGrade> {
  return gradeExercise({ layout, exercise, submissionDir: layout.exercisesDir, withHidden: false, signal });
}

function formatCheck(exercise: GradedExercise, grade: ExerciseGrade): string {
  const lines = [`${exercise.id}: ${exercise.title} (chapter ${exercise.chapter})`];
  if (grade.problem !== undefined) {
    lines.push(...(grade.feedback[0] ?? "").split("\n").map((line) => `  ${line}`));
  } else {
    for (const test of grade.tests) {
      const points = `(${test.points} point${test.points === 1 ? "" : "s"})`;
      lines.push(`  ${test.passed ? "✓" : "✗"} ${test.name} ${points}`);
      if (!test.passed && test.message) lines.push(...test.message.split("\n").map((line) => `      ${line}`));
    }
  }
  const total = grade.passed + grade.failed;
  const verdict = grade.score === grade.max ? "all tests pass" : `${grade.passed} of ${total} tests pass`;
  lines.push(`${grade.score}/${grade.max} points: ${verdict}`);
  return lines.join("\n");
}

/** Every exercise's status; the started ones are checked together, in one batch. */
async function list(catalog: readonly GradedExercise[]): Promise<number> {
  const untouched = await Promise.all(catalog.map((exercise) => isUntouched(layout, exercise)));
  const started = catalog.filter((_, index) => !untouched[index]);
  const requests = started.map((exercise) => ({ exercise, submissionDir: layout.exercisesDir, withHidden: false }));
  const grades = new Map((await gradeBatch(requests, { layout, workers: 2 })).map((grade) => [grade.id, grade]));
  const statuses = catalog.map((exercise) => {
    const grade = grades.get(exercise.id);
    if (grade === undefined) return "not started";
    if (grade.score === grade.max) return "passing";
    return `failing (${grade.score}/${grade.max}${grade.problem ? `, ${grade.problem.replace("-", " ")}` : ""})`;
  });
  const width = Math.max(...catalog.map((exercise) => exercise.id.length));
  const chapterWidth = Math.max(...catalog.map((exercise) => `ch ${exercise.chapter}`.length));
  catalog.forEach((exercise, index) => {
    const chapter = `ch ${exercise.chapter}`.padEnd(chapterWidth);
    console.log(`${exercise.id.padEnd(width)}  ${chapter}  ${(statuses[index] ?? "").padEnd(22)}  ${exercise.title}`);
  });
  return 0;
}

async function check(exercise: GradedExercise): Promise<number> {
  const grade = await checkInPlace(exercise);
  console.log(formatCheck(exercise, grade));
  return grade.score === grade.max ? 0 : 1;
}

/** Checks now, then after every save; a save during a check cancels it and starts again. */
async function watchExercise(exercise: GradedExercise): Promise<number> {
  const folder = path.join(layout.exercisesDir, exercise.id);
  let running: AbortController | undefined;
  let timer: NodeJS.Timeout | undefined;
  const run = async () => {
    running?.abort();
    const controller = new AbortController();
    running = controller;
    const grade = await checkInPlace(exercise, controller.signal);
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

async function hint(exercise: GradedExercise): Promise<number> {
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

async function reset(exercise: GradedExercise): Promise<number> {
  const backup = path.join(layout.root, "build", "exercise-backups", exercise.id, new Date().toISOString().replaceAll(":", "-"));
  await mkdir(backup, { recursive: true });
  for (const file of exercise.files) {
    const target = path.join(layout.exercisesDir, exercise.id, file);
    await copyFile(target, path.join(backup, file)).catch(() => undefined);
    await writeFile(target, await pristineStarter(layout, exercise, file));
  }
  console.log(`${exercise.id}: ${exercise.files.join(", ")} reset to the starter; your version is in ${path.relative(process.cwd(), backup)}/`);
  return 0;
}

async function starters(catalog: readonly GradedExercise[], checkOnly: boolean, course: CourseLayout): Promise<number> {
  const stale = await syncStarters(course, catalog, checkOnly);
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

async function main(): Promise<number> {
  const [command, id] = positionals;
  const catalog = await readCatalog(layout);
  // The exercises import the code of their chapter (#chapter-NN/...): put it where an editor finds it.
  if (command === "list" || command === "check" || command === "watch") await writeChapterCode(layout.root);
  switch (command) {
    case "list":
      return list(catalog);
    case "check":
      return check(findExercise(catalog, id));
    case "watch":
      return watchExercise(findExercise(catalog, id));
    case "hint":
      return hint(findExercise(catalog, id));
    case "reset":
      return reset(findExercise(catalog, id));
    case "starters":
      return starters(catalog, flags.check === true, layout);
    default:
      throw new UsageError(USAGE);
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
}
