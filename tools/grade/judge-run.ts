import type { WorkspacePair } from "./batch-workspace.ts";
import { explainsEveryTest, type Outcome } from "./scoring.ts";
import { pairReport, type RunProgress } from "./test-results.ts";
import type { PairsRun } from "./run-pairs.ts";

/**
 * What a batch's run settled for one pair: its outcome, or that the run cannot speak for it, so
 * that it is graded in a run of its own (`"alone"`) or with the other pairs the run did not
 * finish (`"again"`).
 */
export type Verdict = Outcome | "alone" | "again";

/** The outcome of a run of one pair (with its time limit): whatever happened in it happened to that pair. */
export function judgeAlone(run: PairsRun, pair: WorkspacePair, limitSeconds: number): Outcome {
  const { typecheck, tests, progress } = run;
  if (typecheck.timedOut) return timeout(run.timeLimitSeconds, "the type-check");
  if (isOverdue(pair, limitSeconds, progress, run.testsEndedAt)) return timeout(limitSeconds, "the tests");
  if (tests.timedOut) return timeout(run.timeLimitSeconds, "the tests");
  if (typecheck.code !== 0) return compileError(errorLines(typecheck.output).map((line) => withoutPrefix(line, pair.dir)), typecheck.output);
  if (progress.runErrors === undefined) return { problem: "crash", reason: `the tests crashed before reporting: ${lastLines(tests.output)}` };
  return { problem: undefined, report: pairReport(progress, pair.dir) };
}

/**
 * True when one of the pair's test files ran for the pair's time limit or longer, counted from
 * when a worker began it until it finished, or until `now`: the run then stops its tests, and
 * the pair has timed out.
 */
export function isOverdue(pair: WorkspacePair, limitSeconds: number, progress: RunProgress, now: number): boolean {
  return pair.testFiles.some((file) => {
    const startedAt = progress.started.get(file);
    return startedAt !== undefined && (progress.finished.get(file)?.at ?? now) - startedAt >= limitSeconds * 1000;
  });
}

/**
 * The verdicts of a run of several pairs (with each pair's time limit), each from its own files'
 * compile errors and test files. A pair whose test file ran past its limit has timed out. A pair
 * whose test files did not all finish (the run was stopped, or crashed) runs `"again"` with the
 * others like it, or `"alone"` if the run settled nothing at all. What cannot be told apart by
 * pair goes `"alone"`: a compile error outside every pair's folder or a type-check that did not
 * finish (all pairs), a failure whose only explanation is an error of the run as a whole.
 */
export function judgeBatch(run: PairsRun, pairs: readonly WorkspacePair[], limits: readonly number[]): Verdict[] {
  const { typecheck, progress } = run;
  const errors = attributeErrors(typecheck.output, pairs.map((pair) => pair.dir));
  const unattributed = typecheck.code !== 0 && (errors.stray.length > 0 || errors.byPair.every((lines) => lines.length === 0));
  if (typecheck.timedOut || unattributed) return pairs.map(() => "alone");
  const ended = progress.runErrors !== undefined;
  const verdicts = pairs.map((pair, index): Verdict => {
    const compileErrors = errors.byPair[index] ?? [];
    const limit = limits[index] ?? 0;
    if (compileErrors.length > 0) return compileError(compileErrors, typecheck.output);
    if (isOverdue(pair, limit, progress, run.testsEndedAt)) return timeout(limit, "the tests");
    if (!ended && !pair.testFiles.every((file) => progress.finished.has(file))) return "again";
    const report = pairReport(progress, pair.dir);
    const clear = explainsEveryTest(pair.exercise, pair.withHidden, report) || (ended && report.runErrors.length === 0);
    return clear ? { problem: undefined, report } : "alone";
  });
  return verdicts.every((verdict) => verdict === "again") ? pairs.map(() => "alone") : verdicts;
}

function timeout(limitSeconds: number, what: string): Outcome {
  return { problem: "timeout", reason: `stopped after ${limitSeconds} s: ${what} did not finish (an endless loop?)` };
}

/** tsc's error lines, each given to the pair whose folder it names (without that folder), or left stray. */
function attributeErrors(output: string, dirs: readonly string[]): { byPair: string[][]; stray: string[] } {
  const byPair = dirs.map((): string[] => []);
  const stray: string[] = [];
  for (const line of errorLines(output)) {
    const index = dirs.findIndex((dir) => line.startsWith(`${dir}/`));
    if (index < 0) stray.push(line);
    else byPair[index]?.push(withoutPrefix(line, dirs[index] ?? ""));
  }
  return { byPair, stray };
}

function errorLines(output: string): string[] {
  return output.split("\n").filter((line) => /error TS\d+/.test(line));
}

function withoutPrefix(line: string, dir: string): string {
  return line.startsWith(`${dir}/`) ? line.slice(dir.length + 1) : line;
}

/** The feedback of a compile error: the first five errors, with their files relative to the exercise. */
function compileError(errors: readonly string[], output: string): Outcome {
  const shown = errors.slice(0, 5).join("\n  ");
  const more = errors.length > 5 ? `\n  ... and ${errors.length - 5} more` : "";
  return { problem: "compile-error", reason: `does not compile (tsc):\n  ${shown || lastLines(output)}${more}` };
}

function lastLines(output: string): string {
  return output.trim().split("\n").slice(-6).join("\n  ") || "(no output)";
}
