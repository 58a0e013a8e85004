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
 * This file only reads the arguments and hands over to the command, in `commands/`; the exit
 * status is the command's, or 2 for a usage error or a course that cannot be read.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { exitQuietlyWhenOutputCloses } from "../course/node-tools.ts";
import { courseLayout, findExercise, readCatalog, type CourseLayout, type GradedExercise } from "./catalog.ts";
import { writeChapterCode } from "./chapter-code.ts";
import { checkCommand } from "./commands/check.ts";
import { hintCommand } from "./commands/hint.ts";
import { listCommand } from "./commands/list.ts";
import { resetCommand } from "./commands/reset.ts";
import { startersCommand } from "./commands/starters.ts";
import { watchCommand } from "./commands/watch.ts";

const USAGE = `usage: npm run exercise -- list | check ID | watch ID | hint ID | reset ID | starters [--check]`;

/** A command line that names no command, or no exercise: its message is all the student needs. */
class UsageError extends Error {}

/** Runs the command `args` name; resolves to the exit status. */
async function main(args: readonly string[]): Promise<number> {
  const { values: flags, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: false,
    options: { course: { type: "string" }, check: { type: "boolean", default: false } },
  });
  const [command, id] = positionals;
  const layout = courseLayoutOf(flags.course);
  const catalog = await readCatalog(layout);
  // The exercises import the code of their chapter (#chapter-NN/...): put it where an editor finds it.
  if (command === "list" || command === "check" || command === "watch") await writeChapterCode(layout.root);
  switch (command) {
    case "list":
      return listCommand(layout, catalog);
    case "check":
      return checkCommand(layout, exerciseNamed(catalog, id));
    case "watch":
      return watchCommand(layout, exerciseNamed(catalog, id));
    case "hint":
      return hintCommand(layout, exerciseNamed(catalog, id));
    case "reset":
      return resetCommand(layout, exerciseNamed(catalog, id));
    case "starters":
      return startersCommand(layout, catalog, flags.check === true);
    default:
      throw new UsageError(USAGE);
  }
}

/** The course: this repository, or another one named with `--course DIR` (the tools' tests use a fixture). */
function courseLayoutOf(course: string | boolean | undefined): CourseLayout {
  return courseLayout(typeof course === "string" ? path.resolve(course) : fileURLToPath(new URL("../..", import.meta.url)));
}

/** The exercise the command line names; a usage error when it names none of the catalog's. */
function exerciseNamed(catalog: readonly GradedExercise[], id: string | undefined): GradedExercise {
  const found = id === undefined ? undefined : findExercise(catalog, id);
  if (found === undefined) {
    throw new UsageError(`${id === undefined ? "which exercise?" : `no exercise "${id}"`} (try: npm run exercise -- list)`);
  }
  return found;
}

exitQuietlyWhenOutputCloses();
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
}
