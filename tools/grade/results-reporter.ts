/**
 * A vitest reporter that writes what the grader needs, and nothing else, to the JSON file named by
 * the `GRADE_REPORT` environment variable. Vitest's own JSON reporter replaces some error messages
 * (a timeout, for one) with a stack trace; this one keeps the message the student should read.
 */
import { writeFileSync } from "node:fs";
import type { Reporter, TestModule } from "vitest/node";

/** One test as the grader sees it. */
export interface ReportedTest {
  /** The test file, relative to the vitest root. */
  readonly file: string;
  /** `describe > it`. */
  readonly name: string;
  readonly state: "passed" | "failed" | "skipped" | "pending";
  /** The first line or two of each error. */
  readonly errors: readonly string[];
}

/** The report the grader reads back. */
export interface RunReport {
  readonly tests: readonly ReportedTest[];
  /** Errors of a test file that could not run at all (an import that throws, a syntax error). */
  readonly moduleErrors: readonly { readonly file: string; readonly message: string }[];
  /** Errors outside any test (an unhandled rejection). */
  readonly runErrors: readonly string[];
}

/** Writes the run's results as a {@link RunReport}. */
export default class ResultsReporter implements Reporter {
  #root = process.cwd();

  onInit(vitest: { config: { root: string } }): void {
    this.#root = vitest.config.root;
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<unknown>): void {
    const target = process.env["GRADE_REPORT"];
    if (target === undefined) return;
    const relative = (file: string) => (file.startsWith(`${this.#root}/`) ? file.slice(this.#root.length + 1) : file);
    const report: RunReport = {
      tests: modules.flatMap((module) =>
        [...module.children.allTests()].map((test) => ({
          file: relative(module.moduleId),
          name: test.fullName,
          state: test.result().state,
          errors: (test.result().errors ?? []).map(describeError),
        })),
      ),
      moduleErrors: modules.flatMap((module) =>
        module.errors().map((error) => ({ file: relative(module.moduleId), message: describeError(error) })),
      ),
      runErrors: errors.map(describeError),
    };
    writeFileSync(target, JSON.stringify(report, null, 2));
  }
}

/** The first lines of an error's message; errors arrive serialized, so anything may be missing. */
function describeError(error: unknown): string {
  const record = typeof error === "object" && error !== null ? (error as { name?: unknown; message?: unknown }) : undefined;
  const message = typeof record?.message === "string" ? record.message : String(error);
  const name = typeof record?.name === "string" && record.name !== "Error" ? `${record.name}: ` : "";
  const lines = `${name}${message}`.trim().split("\n").filter((line) => line.trim() !== "");
  return lines.slice(0, 8).join("\n");
}
