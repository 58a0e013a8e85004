import { parseArgs } from "node:util";
import type { LiterateError } from "../literate/location.ts";
import { checkTangle, tangleIntoBuild, writeSource } from "./course.ts";

const usage = "usage: npm run tangle [-- --check]";

/** Where the tangle command writes its messages: the console, or a test's recorder. */
export interface Output {
  log(line: string): void;
  error(line: string): void;
}

/**
 * `npm run tangle`: writes each chapter's snapshot to build/chapters/ and the last one to src/.
 * `npm run tangle -- --check`: writes nothing to src/; fails and names the files that differ.
 * Resolves to the exit status: 0 done, 1 a problem in the chapters or a stale src/, 2 bad usage.
 */
export async function runTangle(root: string, args: readonly string[], output: Output): Promise<number> {
  let check: boolean;
  try {
    ({ values: { check = false } } = parseArgs({ args: [...args], options: { check: { type: "boolean" } } }));
  } catch (error) {
    output.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  return check ? checkSourceIsTangled(root, output) : tangleIntoSource(root, output);
}

/** `--check`: the tangle check, each file of src/ that differs on a line of its own. */
async function checkSourceIsTangled(root: string, output: Output): Promise<number> {
  const { snapshots, errors, source } = await checkTangle(root);
  if (source === undefined) return reportProblems(errors, output);
  const problems = [
    ...source.missing.map((file) => `${file}: missing (a chapter defines it)`),
    ...source.different.map((file) => `${file}: differs from what the chapters say`),
    ...source.extra.map((file) => `${file}: no chapter defines it`),
  ];
  for (const problem of problems) output.error(problem);
  if (problems.length > 0) {
    output.error("src/ is out of date with chapters/: run `npm run tangle` (never edit src/ by hand)");
    return 1;
  }
  output.log(`src/ matches the chapters (${snapshots.at(-1)?.files.size ?? 0} files)`);
  return 0;
}

/** Without `--check`: tangles, and writes the last snapshot to src/, naming each file it writes or removes. */
async function tangleIntoSource(root: string, output: Output): Promise<number> {
  const { snapshots, errors } = await tangleIntoBuild(root);
  if (errors.length > 0) return reportProblems(errors, output);
  const last = snapshots.at(-1);
  if (last === undefined) {
    output.log("no chapters found in chapters/");
    return 0;
  }
  const { written, removed } = await writeSource(root, last);
  for (const file of written) output.log(`wrote ${file}`);
  for (const file of removed) output.log(`removed ${file}`);
  output.log(`tangled ${snapshots.length} chapter(s) into build/chapters/ and src/ (${last.files.size} files)`);
  return 0;
}

/** Names the chapters' problems; the status is 1. */
function reportProblems(errors: readonly LiterateError[], output: Output): number {
  for (const error of errors) output.error(error.message);
  output.error(`tangle: ${errors.length} problem(s) in the chapters; nothing written`);
  return 1;
}
