/**
 * Running vitest as `npm test` does: in this process, with the projects and the values it hands
 * the tests (`provide`), counting how many tests passed, failed or were skipped; or, for the
 * site's tests beside it, in a process of its own, with its JSON report.
 */
import { rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { startVitest, type TestUserConfig, type Vitest } from "vitest/node";
import { runCommand, type CommandOptions } from "../process/command.ts";
import { bin } from "./node-tools.ts";

/** The counts of a vitest run, as its JSON reporter writes them. */
export interface VitestSummary {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

/** How a vitest run in a process of its own went: its counts (undefined when it wrote no report), and what it printed. */
export interface VitestRun {
  summary: VitestSummary | undefined;
  output: string;
}

/**
 * Runs vitest once, in a process of its own, in the course at `root`, writing its JSON report to
 * `build/NAME`; `options` say how to start it (its environment, its own process group). Its
 * output is held back in the result, to be printed when the caller chooses.
 */
export async function runVitest(root: string, args: readonly string[], name: string, options: Omit<CommandOptions, "cwd"> = {}): Promise<VitestRun> {
  const report = path.join(root, "build", name);
  rmSync(report, { force: true }); // without an await, so that vitest has started when this returns its promise
  const command = [...bin.vitest, "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...args];
  const { code, output } = await runCommand(command, { ...options, cwd: root });
  const summary = await readFile(report, "utf8").then((text) => JSON.parse(text) as VitestSummary, () => undefined);
  return { summary, output: summary === undefined ? `${output}\n✗ vitest exited with ${code} and wrote no report` : output };
}

/** Adds up two vitest summaries. */
export function addSummaries(a: VitestSummary, b: VitestSummary): VitestSummary {
  return {
    numPassedTests: a.numPassedTests + b.numPassedTests,
    numFailedTests: a.numFailedTests + b.numFailedTests,
    numPendingTests: a.numPendingTests + b.numPendingTests,
    numTodoTests: a.numTodoTests + b.numTodoTests,
  };
}

/**
 * Runs vitest in this process, with `config` instead of vitest.config.ts, on the test files that
 * `filters` name (all when none), and resolves with its counts. The output goes to the terminal.
 */
export async function runVitestHere(root: string, filters: readonly string[], config: TestUserConfig): Promise<VitestSummary> {
  const vitest = await startVitest("test", [...filters], { ...config, root, config: false, watch: false });
  try {
    return countTests(vitest);
  } finally {
    await vitest.close();
  }
}

/** The counts of a finished run; a test file that could not run at all, or an error outside any test, counts as a failed test. */
function countTests(vitest: Vitest): VitestSummary {
  const summary = { numPassedTests: 0, numFailedTests: vitest.state.getUnhandledErrors().length, numPendingTests: 0, numTodoTests: 0 };
  for (const module of vitest.state.getTestModules()) {
    if (module.errors().length > 0) summary.numFailedTests += 1;
    for (const test of module.children.allTests()) {
      const { state } = test.result();
      if (state === "passed") summary.numPassedTests += 1;
      else if (state === "failed") summary.numFailedTests += 1;
      else summary.numPendingTests += 1;
    }
  }
  return summary;
}
