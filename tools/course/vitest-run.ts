/**
 * Running vitest as `npm test` does: once per set of arguments, with its JSON report beside its
 * usual output, and reading from that report how many tests passed, failed or were skipped.
 */
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { runCommand } from "../process/command.ts";
import { bin } from "./node-tools.ts";

/** The counts of a vitest run, as its JSON reporter writes them. */
export interface VitestSummary {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

/** How a vitest run went: its counts (undefined when it wrote no report), and what it printed when held back. */
export interface VitestRun {
  summary: VitestSummary | undefined;
  output: string;
}

/** How to run vitest: its output held back (to print later), variables to add to its environment, and its niceness. */
export interface VitestOptions {
  holdBack?: boolean;
  env?: NodeJS.ProcessEnv;
  niceness?: number;
}

/**
 * Runs vitest once in the course at `root`, writing its JSON report to `build/NAME`. Its output
 * goes to the terminal, or with `holdBack` into the result, to be printed later.
 */
export async function runVitest(root: string, args: readonly string[], name: string, { holdBack = false, env = {}, niceness }: VitestOptions = {}): Promise<VitestRun> {
  const report = path.join(root, "build", name);
  await rm(report, { force: true });
  const command = [...bin.vitest, "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...args];
  const { code, output } = await runCommand(command, { cwd: root, env, inherit: !holdBack, niceness });
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
