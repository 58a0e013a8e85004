import type { CourseLayout } from "../exercises/catalog.ts";
import { createBatchWorkspace, type BatchWorkspace, type PairRequest, type WorkspacePair } from "./batch-workspace.ts";
import { checkBeforeRunning, reachesGlobalScope } from "./checks.ts";
import { toGrade, type ExerciseGrade, type Outcome } from "./scoring.ts";
import { isOverdue, judgeAlone, judgeBatch } from "./judge-run.ts";
import { mapConcurrently } from "./map-concurrently.ts";
import { runPairs } from "./run-pairs.ts";
import { POSTGRES_URL_VARIABLE, startSharedPostgres } from "./shared-postgres.ts";
import type { RunProgress } from "./test-results.ts";

/** How to grade a batch. */
export interface BatchOptions {
  readonly layout: CourseLayout;
  /** Overrides every exercise's own time limit, in seconds. */
  readonly timeLimitSeconds?: number | undefined;
  /** How many processes the batch keeps busy: vitest's workers, or pairs graded alone at once. */
  readonly workers: number;
  readonly signal?: AbortSignal | undefined;
}

/** A batch being graded: its workspace, and each pair's outcome and time so far. */
interface Grading {
  readonly workspace: BatchWorkspace;
  readonly options: BatchOptions;
  readonly outcomes: Map<WorkspacePair, Outcome>;
  readonly seconds: Map<WorkspacePair, number>;
  /** Variables for the tests' processes: where the batch's PostgreSQL is, when it has one. */
  readonly env: Readonly<Record<string, string>>;
}

const interrupted: Outcome = { problem: "crash", reason: "grading was interrupted" };

/**
 * Grades many pairs (an exercise of a submission) in one workspace, with one tsc and one vitest.
 * A pair with a missing file or a forbidden import is settled without a process, and one whose
 * files could change other pairs' types is graded alone. Each pair's test files get its time
 * limit; when one runs over, the tests stop, that pair has timed out, and the pairs not finished
 * run again together. What a run cannot tell apart by pair (see {@link judgeBatch}) is graded
 * alone, as `gradeExercise` would. So an endless loop costs its own exercise and no other.
 * When an exercise's tests need PostgreSQL, one server serves all of the batch's runs (see
 * `shared-postgres.ts`). The grades keep the requests' order.
 */
export async function gradeBatch(requests: readonly PairRequest[], options: BatchOptions): Promise<ExerciseGrade[]> {
  if (requests.length === 0) return [];
  const started = performance.now();
  const workspace = await createBatchWorkspace(options.layout, requests);
  // Started at once, the batch's PostgreSQL gets ready while the pairs are checked.
  const postgres = requests.some(({ exercise }) => exercise.postgres === true) ? startSharedPostgres() : undefined;
  try {
    const outcomes = new Map<WorkspacePair, Outcome>();
    const runnable = await settleWithoutRunning(workspace, outcomes);
    const global = runnable.length > 1 ? await reachingGlobalScope(workspace.root, runnable) : [];
    const server = await postgres;
    const env = server === undefined ? {} : { [POSTGRES_URL_VARIABLE]: server.url };
    const grading: Grading = { workspace, options, outcomes, seconds: new Map(), env };
    addSeconds(grading, workspace.pairs, (performance.now() - started) / 1000);
    await run(grading, runnable.filter((pair) => !global.includes(pair)));
    await mapConcurrently(global, options.workers, (pair) => run(grading, [pair]));
    return workspace.pairs.map((pair) =>
      toGrade(pair.exercise, pair.withHidden, grading.outcomes.get(pair) ?? interrupted, grading.seconds.get(pair) ?? 0));
  } finally {
    // A server that will not stop is stopped by its watchdog when the grader ends.
    await (await postgres)?.[Symbol.asyncDispose]().catch(() => undefined);
    await workspace.dispose();
  }
}

/** Settles the pairs that cannot run (see `checkBeforeRunning`); returns the others. */
async function settleWithoutRunning(workspace: BatchWorkspace, outcomes: Map<WorkspacePair, Outcome>): Promise<WorkspacePair[]> {
  const runnable: WorkspacePair[] = [];
  for (const pair of workspace.pairs) {
    const outcome = await checkBeforeRunning(workspace.root, pair);
    if (outcome === undefined) runnable.push(pair);
    else outcomes.set(pair, outcome);
  }
  return runnable;
}

/** The pairs whose files could change other pairs' types (see `reachesGlobalScope`). */
async function reachingGlobalScope(root: string, pairs: readonly WorkspacePair[]): Promise<WorkspacePair[]> {
  const reaching = await Promise.all(pairs.map((pair) => reachesGlobalScope(root, pair)));
  return pairs.filter((_, index) => reaching[index]);
}

/** Runs the pairs together, settles what the run tells, and grades the rest in further runs. */
async function run(grading: Grading, pairs: readonly WorkspacePair[]): Promise<void> {
  const [first] = pairs;
  if (first === undefined) return;
  const { workspace, options, outcomes, env } = grading;
  const limits = pairs.map((pair) => options.timeLimitSeconds ?? pair.exercise.timeLimitSeconds);
  const result = await runPairs(workspace.root, pairs, { ...options, ...processLimits(pairs, limits, options), env });
  addSeconds(grading, pairs, result.seconds);
  if (options.signal?.aborted) return;
  if (pairs.length === 1) {
    outcomes.set(first, judgeAlone(result, first, limits[0] ?? 0));
    return;
  }
  const verdicts = judgeBatch(result, pairs, limits);
  pairs.forEach((pair, index) => {
    const verdict = verdicts[index];
    if (typeof verdict === "object") outcomes.set(pair, verdict);
  });
  await mapConcurrently(pairs.filter((_, index) => verdicts[index] === "alone"), options.workers, (pair) => run(grading, [pair]));
  await run(grading, pairs.filter((_, index) => verdicts[index] === "again"));
}

/**
 * Each test file gets its pair's time limit, counted from when a worker begins it: the tests stop
 * as soon as one runs over. The processes get what all the test files would take at worst, one
 * time limit each, `workers` at once, as a last resort (against a run that hangs between files).
 */
function processLimits(pairs: readonly WorkspacePair[], limits: readonly number[], options: BatchOptions) {
  const workers = pairs.length === 1 ? 1 : options.workers;
  const files = pairs.reduce((sum, pair) => sum + pair.testFiles.length, 0);
  return {
    timeLimitSeconds: Math.max(...limits) * (Math.ceil(files / workers) + 1),
    workers,
    stopTestsWhen: (progress: RunProgress, now: number) => pairs.some((pair, index) => isOverdue(pair, limits[index] ?? 0, progress, now)),
  };
}

/** Shares a run's wall-clock time out among the pairs it ran. */
function addSeconds({ seconds }: Grading, pairs: readonly WorkspacePair[], total: number): void {
  for (const pair of pairs) seconds.set(pair, (seconds.get(pair) ?? 0) + total / pairs.length);
}
