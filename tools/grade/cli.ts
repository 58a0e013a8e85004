/**
 * `npm run grade -- DIR [--json FILE] [--csv FILE] [--jobs N] [--timeout SECONDS] [--only ID,...] [--no-hidden]`
 *
 * Grades DIR, a student's copy of `exercises/` (or of the whole course), against this course's
 * official and hidden tests; or, when DIR holds one folder per student, the whole class.
 * Exits 0 whenever grading completed, whatever the scores; 2 when it could not start.
 */
import { access, constants, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { courseLayout, readCatalog } from "../exercises/catalog.ts";
import { gradeClass, gradeSubmission, isClassFolder, submissionFolder, type GradingOptions } from "./grade-submission.ts";
import { classCsv, classJson, formatClass, formatSubmission, submissionJson } from "./format-grades.ts";
import { exitQuietlyWhenOutputCloses } from "../course/node-tools.ts";

exitQuietlyWhenOutputCloses();

const USAGE = "usage: npm run grade -- DIR [--json FILE] [--csv FILE] [--jobs N] [--timeout SECONDS] [--only ID,...] [--no-hidden]";

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      json: { type: "string" },
      csv: { type: "string" },
      jobs: { type: "string", default: "2" },
      timeout: { type: "string" },
      only: { type: "string" },
      "no-hidden": { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      course: { type: "string" },
    },
  });
  const [dir] = positionals;
  const jobs = Number(values.jobs);
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
  if (dir === undefined || positionals.length > 1 || !(jobs >= 1) || (timeout !== undefined && !(timeout > 0))) {
    console.error(USAGE);
    return 2;
  }
  const layout = courseLayout(values.course === undefined ? fileURLToPath(new URL("../..", import.meta.url)) : path.resolve(values.course));
  const catalog = await readCatalog(layout);
  const only = values.only?.split(",").filter((id) => id !== "");
  const unknown = only?.filter((id) => !catalog.some((exercise) => exercise.id === id)) ?? [];
  if (unknown.length > 0) {
    console.error(`no such exercise: ${unknown.join(", ")}`);
    return 2;
  }
  const options: GradingOptions = {
    layout,
    exercises: only ? catalog.filter((exercise) => only.includes(exercise.id)) : catalog,
    withHidden: !values["no-hidden"],
    jobs,
    timeLimitSeconds: timeout,
    onGraded: values.quiet ? undefined : (grade, student) =>
      console.error(`graded ${student ? `${student} ` : ""}${grade.id}: ${grade.score}/${grade.max} (${grade.seconds.toFixed(1)} s)`),
  };
  const target = path.resolve(dir);
  const problem = await folderProblem(dir, target);
  if (problem !== undefined) {
    console.error(problem);
    return 2;
  }
  const isClass = await isClassFolder(target, catalog);
  const csv = values.csv ?? "grades.csv"; // written for a class only
  // A report that cannot be written must stop the grading before it starts, not after it.
  const unwritable = (values.json === undefined ? undefined : await reportProblem("--json", values.json))
    ?? (isClass ? await reportProblem("--csv", csv) : undefined);
  if (unwritable !== undefined) {
    console.error(unwritable);
    return 2;
  }
  if (isClass) {
    const grades = await gradeClass(target, options);
    console.log(formatClass(grades));
    await writeFile(csv, classCsv(grades));
    console.log(`\nwrote ${csv}`);
    if (values.json !== undefined) await writeFile(values.json, JSON.stringify(classJson(grades), null, 2) + "\n");
  } else {
    const grade = await gradeSubmission(await submissionFolder(target), options);
    console.log(formatSubmission(grade));
    if (values.json !== undefined) await writeFile(values.json, JSON.stringify(submissionJson(grade), null, 2) + "\n");
  }
  return 0;
}

/** Why DIR cannot be graded, or undefined when it is a folder. */
async function folderProblem(dir: string, target: string): Promise<string | undefined> {
  const found = await stat(target).catch(() => undefined);
  if (found === undefined) return `no such folder: ${dir}`;
  return found.isDirectory() ? undefined : `${dir} is not a folder: give the folder of a submission or of a class`;
}

/** Why the report `file` (given with `option`) could not be written, or undefined when it can. */
async function reportProblem(option: string, file: string): Promise<string | undefined> {
  const folder = path.dirname(path.resolve(file));
  try {
    await access(folder, constants.W_OK);
    return undefined;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "that folder does not exist" : "that folder is not writable";
    return `cannot write ${option} ${file}: ${reason} (${folder}); nothing was graded`;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  if ((error as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS") === true) console.error(USAGE);
  process.exitCode = 2;
}
