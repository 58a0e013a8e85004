/**
 * `npm test`: the whole course in one command.
 * 1. tangle the chapters; src/ must match the last snapshot;
 * 2. type-check every chapter's snapshot (errors point at chapter lines) and the tools, and
 * 3. run the chapters' tests (each test file in the first chapter where its code is new) and the
 *    tools' tests with vitest, in this process, at the same time, handing the tests what they
 *    need of the chapters (the transcripts); and beside them, in a vitest of its own, build the
 *    site when it has changed and test it in a browser.
 * It prints how long each step took, and ends with one line, `N passed, M failed`, counting tests.
 * Arguments go to vitest, so `npm test -- --project "chapter 05-server"` runs the checks and one
 * chapter's tests, and `npm test -- test/tools` the tools' tests.
 * `npm test -- --chapter N` is the loop of whoever edits chapter N: the same tangle check, then the
 * type-check of chapter N's code, the tests whose code chapter N changed, and its Try it transcripts.
 */
import path from "node:path";
import { parseCLI } from "vitest/node";
import { findChapter } from "../literate/chapters.ts";
import { asInATerminal } from "../process/command.ts";
import { checkTangle, snapshotDir } from "../tangle/course.ts";
import type { Snapshot } from "../tangle/tangle.ts";
import { readTranscripts } from "../transcript/parse.ts";
import { distinctTestFiles } from "./distinct-tests.ts";
import { formatTypeErrors, typecheck, typecheckSnapshot, writeProject } from "./typecheck.ts";
import { allTestsOf, chapterProject, courseTestConfig, type ChapterTests } from "./vitest-config.ts";
import { addSummaries, runVitest, runVitestHere, type VitestRun, type VitestSummary } from "./vitest-run.ts";

const root = process.cwd();
const started = performance.now();

/** Seconds since `npm test` started, for the progress lines. */
function elapsed(): string {
  return `${((performance.now() - started) / 1000).toFixed(1)} s`;
}

/** The tangle check; returns the snapshots, or undefined when the chapters cannot be tangled. */
async function tangleStep() {
  const { snapshots, errors, source } = await checkTangle(root);
  if (source === undefined) {
    console.error(errors.map((error) => error.message).join("\n"));
    console.error(`✗ tangle: ${errors.length} problem(s) in the chapters`);
    return undefined;
  }
  const stale = [...source.missing, ...source.different, ...source.extra];
  if (stale.length > 0) {
    console.error(`✗ src/ differs from the chapters in: ${stale.join(", ")}\n  run \`npm run tangle\` (never edit src/ by hand)`);
    return { snapshots, ok: false };
  }
  console.log(`✓ tangle: ${snapshots.length} chapter(s); src/ matches the last one (${elapsed()})`);
  return { snapshots, ok: true };
}

/** Type-checks the snapshots and the tools; resolves with what to print once the tests are done. */
async function typecheckStep(snapshots: readonly Snapshot[]): Promise<{ ok: boolean; report: string }> {
  const chapters = await writeProject(root, "build/tsconfig.chapters.json",
    snapshots.map((snapshot) => `${path.posix.relative("build", snapshotDir(snapshot))}/src`));
  const tools = await writeProject(root, "build/tsconfig.tools.json", ["../tools", "../test", "../*.ts"]);
  const results = await Promise.all([
    snapshots.length > 0 ? typecheck(root, chapters, snapshots) : [],
    typecheck(root, tools, snapshots),
  ]);
  const errors = results.flat();
  if (errors.length > 0) return { ok: false, report: `${formatTypeErrors(errors)}\n✗ type-check: ${errors.length} error(s)` };
  return { ok: true, report: `✓ type-check: ${snapshots.length} chapter snapshot(s), tools and tests (done at ${elapsed()})` };
}

/**
 * The site's tests, in a vitest of their own: its global setup builds the site unless it is up to
 * date, then they check it in a browser. Its output is held back and printed after the other
 * tests', so that the two runs do not write over each other.
 *
 * It runs in a session of its own. Linux shares the cores out between sessions first (the
 * scheduler's autogroups), and the commands of the Try its and of the grader each start one:
 * in the test run's session, the site's build, the longest chain of work, would get a sliver of a
 * core and finish last. Out of the terminal's reach, it is stopped here when `npm test` is.
 */
function siteStep(): Promise<VitestRun> {
  const interrupted = new AbortController();
  const stop = (signal: NodeJS.Signals) => {
    interrupted.abort();
    process.kill(process.pid, signal); // now without this handler: ends `npm test` as the signal would
  };
  process.once("SIGINT", stop).once("SIGTERM", stop);
  const run = runVitest(root, ["--project", "site"], "vitest-site-report.json", { env: asInATerminal(), ownGroup: true, signal: interrupted.signal });
  return run.finally(() => process.off("SIGINT", stop).off("SIGTERM", stop));
}

/** For each snapshot, its test files whose code is new there, as paths from the course's root. */
function changedTests(snapshots: readonly Snapshot[]): string[][] {
  const distinct = distinctTestFiles(snapshots);
  return snapshots.map((snapshot, index) => (distinct[index] ?? []).map((file) => `${snapshotDir(snapshot)}/${file}`));
}

/**
 * The test files of every snapshot whose code is new there, in one project: vitest gives each
 * project processes of its own, and starting fifteen sets of them costs more than the tests of
 * most chapters. The files' paths still name their chapters.
 */
function allChangedTests(snapshots: readonly Snapshot[]): ChapterTests {
  return { name: "chapters", include: changedTests(snapshots).flat() };
}

/**
 * Runs the tests, in this process, with the snapshots just tangled and the transcripts read from
 * the same chapters. With arguments, one vitest run with them (vitest's own command line) over
 * every test file. Without, each chapter's test files only where their code is new, and beside
 * them, in processes of their own, the site: built when it has changed, then tested in a
 * browser. It is one of the longest chains of work, so it starts first.
 */
async function testStep(vitestArgs: readonly string[], snapshots: readonly Snapshot[]): Promise<VitestSummary> {
  const provide = { transcripts: snapshots.flatMap((snapshot) => readTranscripts(snapshot.chapter)), transcriptRun: "in order" as const };
  if (vitestArgs.length > 0) {
    const { filter, options } = parseCLI(["vitest", "run", ...vitestArgs]);
    const config = courseTestConfig(snapshots.map((snapshot) => allTestsOf(snapshot.chapter.slug)));
    return runVitestHere(root, filter, { ...config, ...options, provide });
  }
  const site = siteStep();
  const rest = await runVitestHere(root, [], { ...courseTestConfig([allChangedTests(snapshots)]), project: ["!site"], provide });
  const { summary, output } = await site;
  console.log(output.trimEnd());
  return summary === undefined ? { ...rest, numFailedTests: rest.numFailedTests + 1 } : addSummaries(rest, summary);
}

/** Type-checks one chapter's snapshot, for `--chapter N`. */
async function typecheckChapter(snapshot: Snapshot): Promise<{ ok: boolean; report: string }> {
  const errors = await typecheckSnapshot(root, snapshot);
  if (errors.length > 0) return { ok: false, report: `${formatTypeErrors(errors)}\n✗ type-check: ${errors.length} error(s)` };
  return { ok: true, report: `✓ type-check: chapter ${snapshot.chapter.number}'s snapshot (done at ${elapsed()})` };
}

/**
 * The tests of one chapter's snapshot whose code the chapter changed (its own tests, and every
 * earlier test file that reaches code the chapter changed: the others would repeat an earlier
 * chapter's run exactly), and its transcripts, each in a fresh copy of the course, for `--chapter N`.
 */
async function testChapter(snapshots: readonly Snapshot[], snapshot: Snapshot): Promise<VitestSummary> {
  const name = chapterProject(snapshot.chapter.slug);
  const config = courseTestConfig([{ name, include: changedTests(snapshots)[snapshots.indexOf(snapshot)] ?? [] }]);
  const provide = { transcripts: readTranscripts(snapshot.chapter), transcriptRun: "each fresh" as const };
  const filters = [`${snapshotDir(snapshot)}/`, "test/transcripts.test.ts"];
  return runVitestHere(root, filters, { ...config, project: [name, "tools"], provide });
}

/** The snapshot `--chapter N` names, or undefined (having said why) when there is none. */
function focusOf(argv: readonly string[], snapshots: readonly Snapshot[]): Snapshot | undefined {
  const wanted = argv[1];
  const chapter = findChapter(snapshots.map((snapshot) => snapshot.chapter), wanted ?? "");
  const found = snapshots.find((snapshot) => snapshot.chapter === chapter);
  if (found === undefined) {
    const numbers = snapshots.map((snapshot) => snapshot.chapter.number).join(", ");
    console.error(`no chapter ${JSON.stringify(wanted ?? "")}: the chapters are ${numbers}\nusage: npm test -- --chapter N`);
  }
  return found;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const tangled = await tangleStep();
  if (tangled === undefined) {
    // The snapshots on disk are the last good ones: testing them would report on stale code.
    console.error("✗ the course is not green: nothing else was run, since the tests would test the chapters as they were");
    return 1;
  }
  let focus: Snapshot | undefined;
  if (argv[0] === "--chapter") {
    focus = focusOf(argv, tangled.snapshots);
    if (focus === undefined) return 2;
    console.log(`Chapter ${focus.chapter.number} only: its type-check, the tests whose code it changed, and its transcripts; the whole \`npm test\` checks the rest.`);
  }
  // The tests need the snapshots written, not type-checked (Vitest strips the types itself), so
  // the type-check runs beside them.
  const [types, summary] = await Promise.all([
    focus ? typecheckChapter(focus) : typecheckStep(tangled.snapshots),
    focus ? testChapter(tangled.snapshots, focus) : testStep(argv, tangled.snapshots),
  ]);
  (types.ok ? console.log : console.error)(types.report);
  const typesOk = types.ok;
  const passed = summary.numPassedTests;
  const failed = summary.numFailedTests;
  const skipped = summary.numPendingTests + summary.numTodoTests;
  const ok = tangled.ok && typesOk && failed === 0 && skipped === 0 && passed > 0;
  if (skipped > 0) console.error(`✗ ${skipped} test(s) skipped or todo: the course keeps none`);
  if (!ok) console.error("✗ the course is not green: see the messages above");
  console.log(`npm test took ${elapsed()}`);
  console.log(`${passed} passed, ${failed} failed`);
  return ok ? 0 : 1;
}

process.exitCode = await main();
