/** How a batch's run is told apart by pair, on made-up runs: no process is started. */
import { describe, expect, it } from "vitest";
import type { WorkspacePair } from "../../tools/grade/batch-workspace.ts";
import { judgeBatch } from "../../tools/grade/judge-run.ts";
import type { ReportedModule } from "../../tools/grade/vitest-reporter.ts";
import type { PairsRun } from "../../tools/grade/run-pairs.ts";

const exercise = { id: "01-add", title: "Adding", chapter: 1, files: ["add.ts"], tests: { "adds": 1 }, timeLimitSeconds: 10, hiddenTests: {}, hiddenDir: undefined };
const pairs: WorkspacePair[] = [0, 1, 2].map((index) => ({
  exercise, submissionDir: "/nowhere", withHidden: false, dir: `pair-${index}/01-add`, missing: [], testFiles: [`pair-${index}/01-add/add.test.ts`],
}));
const limits = pairs.map(() => 10);
const file = (index: number) => `pair-${index}/01-add/add.test.ts`;
const passed = (index: number): ReportedModule => ({ file: file(index), tests: [{ file: file(index), name: "adds", state: "passed", errors: [] }], errors: [] });

/** A run in which tsc printed `tscOutput`, and vitest started and finished these files (at these seconds). */
function run({ tscOutput = "", started = {}, finished = {}, runErrors, endedAt = 5 }: {
  tscOutput?: string;
  started?: Record<number, number>;
  finished?: Record<number, number>;
  runErrors?: string[];
  endedAt?: number;
}): PairsRun {
  const done = { code: 0, output: "", timedOut: false };
  return {
    typecheck: { ...done, code: tscOutput === "" ? 0 : 2, output: tscOutput },
    tests: done,
    progress: {
      started: new Map(Object.entries(started).map(([index, at]) => [file(Number(index)), at * 1000])),
      finished: new Map(Object.entries(finished).map(([index, at]) => [file(Number(index)), { at: at * 1000, module: passed(Number(index)) }])),
      runErrors,
    },
    seconds: endedAt,
    timeLimitSeconds: 30,
    testsEndedAt: endedAt * 1000,
  };
}
const all = { 0: 1, 1: 1, 2: 1 };

describe("judgeBatch", () => {
  it("gives each pair its own compile errors, with paths relative to its exercise", () => {
    const verdicts = judgeBatch(run({ tscOutput: "pair-1/01-add/add.ts(2,3): error TS2322: no.\n", started: all, finished: all, runErrors: [] }), pairs, limits);
    expect(verdicts[1]).toEqual({ problem: "compile-error", reason: "does not compile (tsc):\n  add.ts(2,3): error TS2322: no." });
    expect(verdicts[0]).toMatchObject({ problem: undefined, report: { tests: [{ name: "adds", state: "passed", file: "exercises/01-add/add.test.ts" }] } });
  });

  it("grades every pair alone when a compile error names no pair's folder", () => {
    const verdicts = judgeBatch(run({ tscOutput: "src/greeting.ts(1,1): error TS2322: no.\n", started: all, finished: all, runErrors: [] }), pairs, limits);
    expect(verdicts).toEqual(["alone", "alone", "alone"]);
  });

  it("times out a pair whose test file ran past its limit, keeps the finished ones, and runs the rest again", () => {
    const verdicts = judgeBatch(run({ started: { 0: 1, 1: 2 }, finished: { 0: 3 }, endedAt: 12 }), pairs, limits);
    expect(verdicts[0]).toMatchObject({ problem: undefined });
    expect(verdicts[1]).toEqual({ problem: "timeout", reason: "stopped after 10 s: the tests did not finish (an endless loop?)" });
    expect(verdicts[2]).toBe("again");
  });

  it("grades every pair alone when a stopped run settled none of them", () => {
    expect(judgeBatch(run({ started: { 0: 1 }, endedAt: 4 }), pairs, limits)).toEqual(["alone", "alone", "alone"]);
  });

  it("grades alone a pair whose tests did not run when the run had errors of its own, which name no pair", () => {
    const verdicts = judgeBatch(run({ started: { 0: 1, 1: 1 }, finished: { 0: 2, 1: 2 }, runErrors: ["Unhandled rejection"] }), pairs, limits);
    expect(verdicts.slice(0, 2).map((verdict) => typeof verdict)).toEqual(["object", "object"]);
    expect(verdicts[2]).toBe("alone");
  });
});
