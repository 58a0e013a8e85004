/**
 * `npm test`: the whole course in one command.
 * 1. tangle the chapters; src/ must match the last snapshot;
 * 2. type-check every chapter's snapshot (errors point at chapter lines) and the tools;
 * 3. run every chapter's own tests and the tools' tests with vitest.
 * It ends with one line, `N passed, M failed`, counting tests.
 * Arguments go to vitest, so `npm test -- --project "chapter 05-server"` runs the checks and one
 * chapter's tests, and `npm test -- test/tools` the tools' tests.
 */
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { checkSource, snapshotDir, tangleCourse, writeSnapshots } from "../tangle/course.ts";
import { bin, passThrough } from "./node-tools.ts";
import { formatTypeErrors, typecheck, writeProject } from "./typecheck.ts";

const root = process.cwd();

/** Tangles and checks src/; returns the snapshots, or undefined when the chapters cannot be tangled. */
async function tangleStep() {
  const { snapshots, errors } = await tangleCourse(root);
  if (errors.length > 0) {
    console.error(errors.map((error) => error.message).join("\n"));
    console.error(`✗ tangle: ${errors.length} problem(s) in the chapters`);
    return undefined;
  }
  await writeSnapshots(root, snapshots);
  const { missing, different, extra } = await checkSource(root, snapshots.at(-1));
  const stale = [...missing, ...different, ...extra];
  if (stale.length > 0) {
    console.error(`✗ src/ differs from the chapters in: ${stale.join(", ")}\n  run \`npm run tangle\` (never edit src/ by hand)`);
    return { snapshots, ok: false };
  }
  console.log(`✓ tangle: ${snapshots.length} chapter(s); src/ matches the last one`);
  return { snapshots, ok: true };
}

async function typecheckStep(snapshots: Awaited<ReturnType<typeof tangleCourse>>["snapshots"]): Promise<boolean> {
  const chapters = await writeProject(root, "build/tsconfig.chapters.json",
    snapshots.map((snapshot) => `${path.posix.relative("build", snapshotDir(snapshot))}/src`));
  const tools = await writeProject(root, "build/tsconfig.tools.json", ["../tools", "../test", "../*.ts"]);
  const results = await Promise.all([
    snapshots.length > 0 ? typecheck(root, chapters, snapshots) : [],
    typecheck(root, tools, snapshots),
  ]);
  const errors = results.flat();
  if (errors.length > 0) {
    console.error(formatTypeErrors(errors));
    console.error(`✗ type-check: ${errors.length} error(s)`);
    return false;
  }
  console.log(`✓ type-check: ${snapshots.length} chapter snapshot(s), tools and tests`);
  return true;
}

interface VitestSummary {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

async function testStep(vitestArgs: readonly string[]): Promise<VitestSummary | undefined> {
  const report = path.join(root, "build", "vitest-report.json");
  await rm(report, { force: true });
  const code = await passThrough([...bin.vitest, "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...vitestArgs], root);
  try {
    return JSON.parse(await readFile(report, "utf8")) as VitestSummary;
  } catch {
    console.error(`✗ vitest exited with ${code} and wrote no report`);
    return undefined;
  }
}

async function main(): Promise<number> {
  const tangled = await tangleStep();
  const typesOk = tangled ? await typecheckStep(tangled.snapshots) : false;
  const summary = await testStep(process.argv.slice(2));
  const passed = summary?.numPassedTests ?? 0;
  const failed = summary?.numFailedTests ?? 0;
  const skipped = (summary?.numPendingTests ?? 0) + (summary?.numTodoTests ?? 0);
  const ok = tangled?.ok === true && typesOk && summary !== undefined && failed === 0 && skipped === 0 && passed > 0;
  if (skipped > 0) console.error(`✗ ${skipped} test(s) skipped or todo: the course keeps none`);
  if (!ok) console.error("✗ the course is not green: see the messages above");
  console.log(`${passed} passed, ${failed} failed`);
  return ok ? 0 : 1;
}

process.exitCode = await main();
