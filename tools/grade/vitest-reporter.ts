/**
 * A vitest reporter that writes what the grader needs, and nothing else, to the file named by the
 * `GRADE_REPORT` environment variable: one JSON line as a worker starts each test file, one as it
 * finishes it, and a last one at the end of the run. While the run goes on, and after it was
 * stopped half-way (a time limit, a crash), the file tells which test files finished and how
 * long the others have been running. Vitest's own JSON reporter
 * replaces some error messages (a timeout, for one) with a stack trace; this one keeps the message
 * the student should read.
 */
import { appendFileSync } from "node:fs";
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

/** An error of a test file that could not run at all (an import that throws, a syntax error). */
export interface ModuleError {
  readonly file: string;
  readonly message: string;
}

/** One finished test file: its tests, and its errors outside any test. */
export interface ReportedModule {
  readonly file: string;
  readonly tests: readonly ReportedTest[];
  readonly errors: readonly ModuleError[];
}

/** One line of the report file; `at` is when, in milliseconds since the epoch. */
export type ReportLine =
  /** A worker began loading the test file (relative to the vitest root). */
  | { readonly started: string; readonly at: number }
  | { readonly finished: ReportedModule; readonly at: number }
  /** The run is over; errors outside any test (an unhandled rejection) come with it. */
  | { readonly end: { readonly runErrors: readonly string[] } };

/** Appends the run's progress and results as {@link ReportLine}s. */
export default class ResultsReporter implements Reporter {
  #root = process.cwd();
  readonly #written = new Set<string>();

  onInit(vitest: { config: { root: string } }): void {
    this.#root = vitest.config.root;
  }

  onTestModuleQueued(module: TestModule): void {
    write({ started: this.#relative(module.moduleId), at: Date.now() });
  }

  onTestModuleEnd(module: TestModule): void {
    this.#finish(module);
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<unknown>): void {
    for (const module of modules) this.#finish(module);
    write({ end: { runErrors: errors.map(describeError) } });
  }

  #finish(module: TestModule): void {
    if (this.#written.has(module.moduleId)) return;
    this.#written.add(module.moduleId);
    const file = this.#relative(module.moduleId);
    write({
      finished: {
        file,
        tests: [...module.children.allTests()].map((test) => ({
          file,
          name: test.fullName,
          state: test.result().state,
          errors: (test.result().errors ?? []).map(describeError),
        })),
        errors: module.errors().map((error) => ({ file, message: describeError(error) })),
      },
      at: Date.now(),
    });
  }

  #relative(file: string): string {
    return file.startsWith(`${this.#root}/`) ? file.slice(this.#root.length + 1) : file;
  }
}

function write(line: ReportLine): void {
  const target = process.env["GRADE_REPORT"];
  if (target !== undefined) appendFileSync(target, `${JSON.stringify(line)}\n`);
}

/** The first lines of an error's message; errors arrive serialized, so anything may be missing. */
function describeError(error: unknown): string {
  const record = typeof error === "object" && error !== null ? (error as { name?: unknown; message?: unknown }) : undefined;
  const message = typeof record?.message === "string" ? record.message : String(error);
  const name = typeof record?.name === "string" && record.name !== "Error" ? `${record.name}: ` : "";
  const lines = `${name}${message}`.trim().split("\n").filter((line) => line.trim() !== "");
  return lines.slice(0, 8).join("\n");
}
