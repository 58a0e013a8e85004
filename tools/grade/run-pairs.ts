import { rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { CourseLayout } from "../exercises/catalog.ts";
import { writeTypecheckProject, type WorkspacePair } from "./batch-workspace.ts";
import { readRunProgress, type RunProgress } from "./test-results.ts";
import { asInATerminal, runCommand, type CommandResult } from "../process/command.ts";

/** How to run a set of pairs. */
export interface RunOptions {
  readonly layout: CourseLayout;
  /** The wall-clock limit of each process (tsc, vitest), in seconds. */
  readonly timeLimitSeconds: number;
  /** How many test files vitest runs at once. */
  readonly workers: number;
  readonly signal?: AbortSignal | undefined;
  /** Asked twice a second while the tests run, with what they reported so far: true stops them. */
  readonly stopTestsWhen?: ((progress: RunProgress, now: number) => boolean) | undefined;
  /** Variables to add to the tests' environment. */
  readonly env?: Readonly<Record<string, string>> | undefined;
}

/** What one tsc and one vitest run over some pairs gave. */
export interface PairsRun {
  readonly typecheck: CommandResult;
  readonly tests: CommandResult;
  readonly progress: RunProgress;
  /** The run's wall-clock time. */
  readonly seconds: number;
  /** The limit each process had, in seconds. */
  readonly timeLimitSeconds: number;
  /** When the tests ended (or were stopped), in ms since the epoch. */
  readonly testsEndedAt: number;
}

const tools = path.dirname(fileURLToPath(import.meta.url));
const nodeModules = (root: string) => path.join(root, "node_modules");
let runs = 0;

/**
 * Type-checks the pairs with one tsc and runs all their tests with one vitest, both at once, in
 * child processes that are killed when the time limit passes, or for vitest when `stopTestsWhen`
 * says so. Several runs may share a workspace at once: each has its own tsconfig and report file.
 */
export async function runPairs(root: string, pairs: readonly WorkspacePair[], options: RunOptions): Promise<PairsRun> {
  const started = performance.now();
  const name = `run-${++runs}`;
  const reportFile = path.join(root, `${name}.report.jsonl`);
  const project = `tsconfig.${name}.json`;
  await writeTypecheckProject(root, project, options.layout, pairs.map((pair) => pair.dir));
  // Each in a process group of its own, killed whole at the time limit: a student's endless loop costs that and no more.
  const limits = { cwd: root, env: asInATerminal({ ...options.env, NO_COLOR: "1", GRADE_REPORT: reportFile }), ownGroup: true, timeLimitMs: options.timeLimitSeconds * 1000 };
  const watch = watchTests(reportFile, options);
  try {
    const [typecheck, [tests, testsEndedAt]] = await Promise.all([
      runCommand(tscCommand(options.layout, project), { ...limits, signal: options.signal }),
      runCommand(vitestCommand(options, pairs), { ...limits, signal: watch.signal }).then((run) => [run, Date.now()] as const),
    ]);
    const progress = await readRunProgress(reportFile);
    return { typecheck, tests, progress, seconds: (performance.now() - started) / 1000, timeLimitSeconds: options.timeLimitSeconds, testsEndedAt };
  } finally {
    watch.stop();
    await Promise.all([rm(reportFile, { force: true }), rm(path.join(root, project), { force: true })]);
  }
}

/** A signal that stops the tests when the grader is interrupted, or when `stopTestsWhen` says so. */
function watchTests(reportFile: string, { signal, stopTestsWhen }: RunOptions): { signal: AbortSignal; stop(): void } {
  const controller = new AbortController();
  const abort = () => controller.abort();
  signal?.addEventListener("abort", abort, { once: true });
  let reading = false;
  const timer = stopTestsWhen && setInterval(() => {
    if (reading) return;
    reading = true;
    void readRunProgress(reportFile)
      .then((progress) => stopTestsWhen(progress, Date.now()) && abort())
      .finally(() => (reading = false));
  }, 500);
  return {
    signal: controller.signal,
    stop: () => {
      clearInterval(timer);
      signal?.removeEventListener("abort", abort);
    },
  };
}

function tscCommand(layout: CourseLayout, project: string): string[] {
  return [process.execPath, path.join(nodeModules(layout.root), "typescript", "bin", "tsc"), "--noEmit", "--pretty", "false", "-p", project];
}

/**
 * Each test file runs in a fresh worker thread (vitest isolates files by default), which costs a
 * third less than a fresh process each, as the default pool does: the same results for the
 * course's exercises, and a batch has dozens of files.
 */
function vitestCommand({ layout, workers }: RunOptions, pairs: readonly WorkspacePair[]): string[] {
  return [
    process.execPath, path.join(nodeModules(layout.root), "vitest", "vitest.mjs"), "run", ...pairs.map((pair) => `${pair.dir}/`),
    "--reporter", path.join(tools, "vitest-reporter.ts"), "--pool", "threads",
    "--maxWorkers", String(workers), "--testTimeout", "5000", "--hookTimeout", "5000",
  ];
}
