import { readFile } from "node:fs/promises";
import type { ModuleError, ReportedModule, ReportedTest, ReportLine } from "./vitest-reporter.ts";

/** What one vitest run reported, however far it got. */
export interface RunProgress {
  /** When a worker began each test file (relative to the workspace's root), in ms since the epoch. */
  readonly started: ReadonlyMap<string, number>;
  /** The test files that finished: when, and their results. */
  readonly finished: ReadonlyMap<string, { readonly at: number; readonly module: ReportedModule }>;
  /** Errors outside any test; undefined when the run never ended (stopped, or crashed). */
  readonly runErrors: readonly string[] | undefined;
}

/** One exercise's test results, as the grade is computed from them. */
export interface RunReport {
  readonly tests: readonly ReportedTest[];
  /** Errors of a test file that could not run at all (an import that throws, a syntax error). */
  readonly moduleErrors: readonly ModuleError[];
  /** Errors outside any test (an unhandled rejection), of the whole run. */
  readonly runErrors: readonly string[];
}

/** Reads the lines the results reporter wrote so far; a missing file is a run that reported nothing. */
export async function readRunProgress(file: string): Promise<RunProgress> {
  const text = await readFile(file, "utf8").catch(() => "");
  const started = new Map<string, number>();
  const finished = new Map<string, { at: number; module: ReportedModule }>();
  let runErrors: readonly string[] | undefined;
  for (const line of text.split("\n")) {
    const entry = parseLine(line);
    if (entry === undefined) continue;
    if ("started" in entry) started.set(entry.started, entry.at);
    else if ("finished" in entry) finished.set(entry.finished.file, { at: entry.at, module: entry.finished });
    else runErrors = entry.end.runErrors;
  }
  return { started, finished, runErrors };
}

/**
 * The results of the test files under `dir/` (a pair's folder, `pair-K/ID`), with their paths
 * as a workspace of the exercise alone shows them (`exercises/ID/...`).
 */
export function pairReport(progress: RunProgress, dir: string): RunReport {
  const prefix = `${dir}/`;
  const rename = (file: string) => `exercises/${dir.split("/").at(-1)}/${file.slice(prefix.length)}`;
  const modules = [...progress.finished.values()].map(({ module }) => module).filter((module) => module.file.startsWith(prefix));
  return {
    tests: modules.flatMap((module) => module.tests.map((test) => ({ ...test, file: rename(test.file) }))),
    moduleErrors: modules.flatMap((module) => module.errors.map((error) => ({ ...error, file: rename(error.file) }))),
    runErrors: progress.runErrors ?? [],
  };
}

/** A line cut short by a killed process is no line at all. */
function parseLine(line: string): ReportLine | undefined {
  if (line.trim() === "") return undefined;
  try {
    return JSON.parse(line) as ReportLine;
  } catch {
    return undefined;
  }
}
