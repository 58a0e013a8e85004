import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { CourseLayout, GradedExercise, PointsTable } from "../exercises/catalog.ts";
import type { ReportedTest, RunReport } from "./results-reporter.ts";
import { runLimited, type LimitedRun } from "./run-limited.ts";
import { createWorkspace, type Workspace } from "./workspace.ts";

/** One test's result, worth its points when it passed. */
export interface TestGrade {
  /** `describe > it`; hidden tests start with `(hidden) `. */
  readonly name: string;
  readonly points: number;
  readonly passed: boolean;
  /** Why it failed, for the student. */
  readonly message: string | undefined;
}

/** One exercise's grade. */
export interface ExerciseGrade {
  readonly id: string;
  readonly title: string;
  readonly score: number;
  readonly max: number;
  /** How many tests passed and failed. */
  readonly passed: number;
  readonly failed: number;
  /** One line per problem: each failed test with its message, or why nothing could run. */
  readonly feedback: readonly string[];
  readonly tests: readonly TestGrade[];
  /** What stopped the tests from running, if anything. */
  readonly problem: "missing-file" | "forbidden-import" | "compile-error" | "timeout" | "crash" | undefined;
  readonly seconds: number;
}

/** How to grade one exercise. */
export interface GradeRequest {
  readonly layout: CourseLayout;
  readonly exercise: GradedExercise;
  /** A copy of `exercises/` holding the student's files. */
  readonly submissionDir: string;
  /** Run the hidden tests too (the grader does; the student loop cannot). */
  readonly withHidden: boolean;
  /** Overrides the exercise's own time limit, in seconds. */
  readonly timeLimitSeconds?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

const tools = path.dirname(fileURLToPath(import.meta.url));
const nodeModules = (root: string) => path.join(root, "node_modules");
const HIDDEN = "(hidden) ";

/**
 * Grades one exercise in a fresh workspace: type-checks it with tsc and runs the official (and
 * hidden) tests with vitest, both at once, in child processes that are killed when the time limit
 * passes. Whatever goes wrong, the result is a grade with the reason in its feedback.
 */
export async function gradeExercise(request: GradeRequest): Promise<ExerciseGrade> {
  const started = performance.now();
  const { exercise, withHidden } = request;
  const tables = { official: exercise.tests, hidden: withHidden ? exercise.hiddenTests : {} };
  const finish = (outcome: Outcome) => toGrade(exercise, tables, outcome, (performance.now() - started) / 1000);
  const workspace = await createWorkspace(request);
  try {
    if (workspace.missing.length > 0) {
      return finish({ problem: "missing-file", reason: `missing file(s): ${workspace.missing.join(", ")}` });
    }
    const forbidden = await findForbiddenImport(workspace, exercise);
    if (forbidden !== undefined) return finish({ problem: "forbidden-import", reason: forbidden });
    return finish(await typecheckAndTest(request, workspace));
  } finally {
    await workspace.dispose();
  }
}

/** What running the exercise gave: a report of its tests, or the reason there is none. */
type Outcome =
  | { readonly problem: undefined; readonly report: RunReport }
  | { readonly problem: NonNullable<ExerciseGrade["problem"]>; readonly reason: string };

async function typecheckAndTest(request: GradeRequest, workspace: Workspace): Promise<Outcome> {
  const { layout, exercise } = request;
  const seconds = request.timeLimitSeconds ?? exercise.timeLimitSeconds;
  const reportFile = path.join(workspace.root, "..", `${path.basename(workspace.root)}.report.json`);
  const env = childEnvironment({ GRADE_REPORT: reportFile });
  const limits = { cwd: workspace.root, env, timeLimitMs: seconds * 1000, ...(request.signal ? { signal: request.signal } : {}) };
  try {
    const [typecheck, tests] = await Promise.all([
      runLimited({ ...limits, command: [process.execPath, path.join(nodeModules(layout.root), "typescript", "bin", "tsc"), "--noEmit", "--pretty", "false", "-p", "tsconfig.json"] }),
      runLimited({ ...limits, command: vitestCommand(layout, workspace.exerciseDir) }),
    ]);
    if (typecheck.timedOut || tests.timedOut) {
      const what = tests.timedOut ? "the tests" : "the type-check";
      return { problem: "timeout", reason: `stopped after ${seconds} s: ${what} did not finish (an endless loop?)` };
    }
    if (typecheck.code !== 0) return { problem: "compile-error", reason: compileErrors(typecheck, workspace.exerciseDir) };
    const report = await readFile(reportFile, "utf8").then((text) => JSON.parse(text) as RunReport, () => undefined);
    if (report === undefined) return { problem: "crash", reason: `the tests crashed before reporting: ${lastLines(tests.output)}` };
    return { problem: undefined, report };
  } finally {
    await rm(reportFile, { force: true });
  }
}

function vitestCommand(layout: CourseLayout, exerciseDir: string): string[] {
  return [
    process.execPath, path.join(nodeModules(layout.root), "vitest", "vitest.mjs"), "run", exerciseDir,
    "--reporter", path.join(tools, "results-reporter.ts"),
    "--maxWorkers", "1", "--testTimeout", "5000", "--hookTimeout", "5000",
  ];
}

/** The grader's environment without the variables of a vitest that may be running the grader itself. */
function childEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NO_COLOR: "1", ...extra };
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(VITEST|__VITEST|NODE_OPTIONS$|TEST$|NODE_ENV$|FORCE_COLOR$)/.test(key)) continue;
    env[key] ??= value;
  }
  return env;
}

/** Student files may not reach into the test framework: that is the one way to fake a pass in-process. */
async function findForbiddenImport(workspace: Workspace, exercise: GradedExercise): Promise<string | undefined> {
  for (const file of exercise.files) {
    const text = await readFile(path.join(workspace.root, workspace.exerciseDir, file), "utf8");
    if (/["'](vitest|@vitest\/[^"']*|vitest\/[^"']*)["']/.test(text)) {
      return `${file} imports the test framework (vitest); a solution has no need of it`;
    }
  }
  return undefined;
}

function compileErrors(run: LimitedRun, exerciseDir: string): string {
  const errors = run.output
    .split("\n")
    .filter((line) => /\): error TS\d+/.test(line))
    .map((line) => line.replace(`${exerciseDir}/`, ""));
  const shown = errors.slice(0, 5).join("\n  ");
  const more = errors.length > 5 ? `\n  ... and ${errors.length - 5} more` : "";
  return `does not compile (tsc):\n  ${shown || lastLines(run.output)}${more}`;
}

function lastLines(output: string): string {
  return output.trim().split("\n").slice(-6).join("\n  ") || "(no output)";
}

function toGrade(exercise: GradedExercise, tables: { official: PointsTable; hidden: PointsTable }, outcome: Outcome, seconds: number): ExerciseGrade {
  const expected = [
    ...Object.entries(tables.official).map(([name, points]) => ({ name, key: name, points, hidden: false })),
    ...Object.entries(tables.hidden).map(([name, points]) => ({ name: HIDDEN + name, key: name, points, hidden: true })),
  ];
  const base = { id: exercise.id, title: exercise.title, max: expected.reduce((sum, test) => sum + test.points, 0), seconds };
  if (outcome.problem !== undefined) {
    const tests = expected.map(({ name, points }) => ({ name, points, passed: false, message: outcome.reason }));
    return { ...base, score: 0, passed: 0, failed: tests.length, feedback: [outcome.reason], tests, problem: outcome.problem };
  }
  const { report } = outcome;
  const reported = new Map(report.tests.map((test) => [`${isHidden(test) ? HIDDEN : ""}${test.name}`, test]));
  const unrunReason = [...report.moduleErrors.map((error) => `${error.file} could not run: ${error.message}`), ...report.runErrors][0] ?? "the test did not run";
  const tests: TestGrade[] = expected.map(({ name, points }) => {
    const test = reported.get(name);
    if (test === undefined) return { name, points, passed: false, message: unrunReason };
    const passed = test.state === "passed";
    return { name, points, passed, message: passed ? undefined : test.errors.join("\n") || `the test was ${test.state}` };
  });
  const feedback = tests.filter((test) => !test.passed).map((test) => `✗ ${test.name}: ${test.message ?? ""}`);
  const known = new Set(expected.map((test) => test.name));
  for (const name of reported.keys()) {
    if (!known.has(name)) feedback.push(`! "${name}" is not in the exercise's points table (no points; tell the instructor)`);
  }
  const passed = tests.filter((test) => test.passed);
  return {
    ...base,
    score: passed.reduce((sum, test) => sum + test.points, 0),
    passed: passed.length,
    failed: tests.length - passed.length,
    feedback,
    tests,
    problem: undefined,
  };
}

function isHidden(test: ReportedTest): boolean {
  return test.file.split("/").includes("hidden");
}
