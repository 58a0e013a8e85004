/**
 * `npm run tangle`: writes each chapter's snapshot to build/chapters/ and the last one to src/.
 * `npm run tangle -- --check`: writes nothing to src/; fails and names the files that differ.
 */
import { parseArgs } from "node:util";
import { checkSource, tangleCourse, writeSnapshots, writeSource } from "./course.ts";

const usage = "usage: npm run tangle [-- --check]";

async function main(): Promise<number> {
  let check: boolean;
  try {
    ({ values: { check = false } } = parseArgs({ options: { check: { type: "boolean" } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  const root = process.cwd();
  const { snapshots, errors } = await tangleCourse(root);
  if (errors.length > 0) {
    for (const error of errors) console.error(error.message);
    console.error(`tangle: ${errors.length} problem(s) in the chapters; nothing written`);
    return 1;
  }
  await writeSnapshots(root, snapshots);
  const last = snapshots.at(-1);
  if (check) {
    const { missing, different, extra } = await checkSource(root, last);
    const problems = [
      ...missing.map((file) => `${file}: missing (a chapter defines it)`),
      ...different.map((file) => `${file}: differs from what the chapters say`),
      ...extra.map((file) => `${file}: no chapter defines it`),
    ];
    for (const problem of problems) console.error(problem);
    if (problems.length > 0) {
      console.error("src/ is out of date with chapters/: run `npm run tangle` (never edit src/ by hand)");
      return 1;
    }
    console.log(`src/ matches the chapters (${last?.files.size ?? 0} files)`);
    return 0;
  }
  if (last === undefined) {
    console.log("no chapters found in chapters/");
    return 0;
  }
  const { written, removed } = await writeSource(root, last);
  for (const file of written) console.log(`wrote ${file}`);
  for (const file of removed) console.log(`removed ${file}`);
  console.log(`tangled ${snapshots.length} chapter(s) into build/chapters/ and src/ (${last.files.size} files)`);
  return 0;
}

process.exitCode = await main();
