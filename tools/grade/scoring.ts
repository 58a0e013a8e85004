import type { GradedExercise, PointsTable } from "../exercises/catalog.ts";
import type { ReportedTest } from "./vitest-reporter.ts";
import type { RunReport } from "./test-results.ts";

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
  readonly problem: Problem | undefined;
  /**
   * The wall-clock time spent on the exercise. An exercise graded in a batch gets a share of each
   * run it took part in (the run's time divided by the number of exercises in it), so that the
   * seconds of all the exercises of a batch add up to the time the batch took.
   */
  readonly seconds: number;
}

/** What can stop an exercise's tests from running. */
export type Problem = "missing-file" | "forbidden-import" | "compile-error" | "timeout" | "crash";

/** What running an exercise gave: a report of its tests, or the reason there is none. */
export type Outcome =
  | { readonly problem: undefined; readonly report: RunReport }
  | { readonly problem: Problem; readonly reason: string };

const HIDDEN = "(hidden) ";

/**
 * The grade an outcome earns: points from the course's tables (the official tests', and the
 * hidden tests' when `withHidden`), never from the submission. A test the tables list that did
 * not run fails; a test that ran and is not listed earns nothing and is named in the feedback.
 */
export function toGrade(exercise: GradedExercise, withHidden: boolean, outcome: Outcome, seconds: number): ExerciseGrade {
  const expected = expectedTests(exercise.tests, withHidden ? exercise.hiddenTests : {});
  const base = { id: exercise.id, title: exercise.title, max: expected.reduce((sum, test) => sum + test.points, 0), seconds };
  if (outcome.problem !== undefined) {
    const tests = expected.map(({ name, points }) => ({ name, points, passed: false, message: outcome.reason }));
    return { ...base, score: 0, passed: 0, failed: tests.length, feedback: [outcome.reason], tests, problem: outcome.problem };
  }
  const { report } = outcome;
  const reported = reportedByName(report);
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

/**
 * True when the report alone says why each of the exercise's tests passed or failed: every test
 * of the tables ran, or a test file could not run. Otherwise the reason is among the run's own
 * errors, which a batch cannot tell apart by exercise.
 */
export function explainsEveryTest(exercise: GradedExercise, withHidden: boolean, report: RunReport): boolean {
  const reported = reportedByName(report);
  const expected = expectedTests(exercise.tests, withHidden ? exercise.hiddenTests : {});
  return report.moduleErrors.length > 0 || expected.every((test) => reported.has(test.name));
}

function expectedTests(official: PointsTable, hidden: PointsTable): { name: string; points: number }[] {
  return [
    ...Object.entries(official).map(([name, points]) => ({ name, points })),
    ...Object.entries(hidden).map(([name, points]) => ({ name: HIDDEN + name, points })),
  ];
}

function reportedByName(report: RunReport): Map<string, ReportedTest> {
  return new Map(report.tests.map((test) => [`${isHidden(test) ? HIDDEN : ""}${test.name}`, test]));
}

function isHidden(test: ReportedTest): boolean {
  return test.file.split("/").includes("hidden");
}
