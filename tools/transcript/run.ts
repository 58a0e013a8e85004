import { once } from "node:events";
import { chmod, cp, mkdtemp, rm, symlink } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { DATABASE_PORT_VARIABLE, DEFAULT_PORT as SHOWN_DATABASE_PORT } from "../database/arguments.ts";
import { asInATerminal, RunningCommand } from "../process/command.ts";
import { matchLines, outputLines, type Transcript, type TranscriptStep } from "./parse.ts";

/** What one step printed, and whether that is what the text says. */
export interface StepOutcome {
  readonly step: TranscriptStep;
  /** What the command printed (for a background command: up to the point the text shows). */
  readonly actual: readonly string[];
  /** Why the step does not match the text, or undefined when it does. */
  readonly problem: string | undefined;
}

/** What a transcript run copies from the course into its sandbox. */
const COURSE_FILES = ["package.json", "tsconfig.base.json", "tsconfig.json", "vitest.config.ts", "chapters", "tools", "src"];

/** The port the chapters' text shows: the default of the course's server and clients. */
export const SHOWN_PORT = 9653;
/** The variable that moves the course's server and clients to another port (chapter 3). */
const PORT_VARIABLE = "CAR_SERVER_PORT";

const COMMAND_TIMEOUT_MS = 120_000;
const BACKGROUND_READY_MS = 30_000;

/** A command started with `&`, the step that started it, and how much of its output a step has shown. */
interface Background {
  readonly process: RunningCommand;
  readonly step: TranscriptStep;
  readonly shown: number;
}

/**
 * Runs "Try it" transcripts the way a student would type them, in a fresh copy of the
 * course, so a server's data file or a tangled build never leaks between runs.
 */
export class TranscriptRunner implements AsyncDisposable {
  /**
   * @param sandbox the folder the commands run in
   * @param port the port this runner's commands use instead of 9653: each runner has its own, so
   *   transcripts can run side by side, and a server already on 9653 disturbs none of them
   * @param databasePort the port of `npm run database` instead of 5433, for the same reasons
   */
  private constructor(readonly sandbox: string, readonly port: number, readonly databasePort: number) {}

  /** Copies the course at `root` into a temporary folder to run transcripts in, on a free port of its own. */
  static async create(root: string): Promise<TranscriptRunner> {
    const sandbox = await mkdtemp(path.join(tmpdir(), "course-transcript-"));
    // As root, `npm run database` runs PostgreSQL as the user postgres, who must enter the copy.
    await chmod(sandbox, 0o755);
    for (const name of COURSE_FILES) {
      await cp(path.join(root, name), path.join(sandbox, name), { recursive: true }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw error;
      });
    }
    await symlink(path.join(root, "node_modules"), path.join(sandbox, "node_modules"), "dir");
    const port = await freePort();
    let databasePort = await freePort();
    while (databasePort === port) databasePort = await freePort();
    return new TranscriptRunner(sandbox, port, databasePort);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await rm(this.sandbox, { recursive: true, force: true });
  }

  /**
   * Runs every step of a transcript in order. A background command still running at the end is a
   * problem of its own (a student's next Try it would find it still running, on its port) and is
   * stopped; so is everything when a step fails to finish.
   */
  async run(transcript: Transcript): Promise<StepOutcome[]> {
    const outcomes: StepOutcome[] = [];
    const background: Background[] = [];
    let lastStatus = 0;
    try {
      for (const [index, step] of transcript.steps.entries()) {
        if (step.background) {
          const process = this.start(step.command);
          outcomes.push(await this.waitUntilReady(process, step));
          background.push({ process, step, shown: process.output.length });
        } else if (step.command === "wait") {
          outcomes.push(await this.waitForBackground(background, step));
        } else {
          const command = step.command.replaceAll("$?", String(lastStatus));
          const process = this.start(command);
          const { code: status } = await withTimeout(process.finished, COMMAND_TIMEOUT_MS, () => process.stop());
          lastStatus = status;
          const actual = this.lines(process.output);
          const next = transcript.steps[index + 1];
          const explained = next?.command === "echo $?";
          const problem =
            !matchLines(step.expected, actual) ? "its output differs from the text"
            : status !== 0 && !explained ? `it exited with status ${status}; show \`$ echo $?\` after it in the text`
            : undefined;
          outcomes.push({ step, actual, problem });
        }
      }
      outcomes.push(...background.filter(({ process }) => process.running).map(({ process, step }) => ({
        step,
        actual: this.lines(process.output),
        problem: "it is still running when the Try it ends: stop it in the text (a student would find it still running in the next one)",
      })));
    } finally {
      await Promise.all(background.map(({ process }) => process.stop()));
    }
    return outcomes;
  }

  /** What a command printed, as lines, with this runner's ports shown as the text shows them. */
  private lines(output: string): string[] {
    const shown = output.replaceAll(new RegExp(`:${this.port}\\b`, "g"), `:${SHOWN_PORT}`)
      .replaceAll(new RegExp(`:${this.databasePort}\\b`, "g"), `:${SHOWN_DATABASE_PORT}`);
    return outputLines(shown);
  }

  private start(command: string): RunningCommand {
    // What a student's shell has: no test runner's variables, and npm's own lines shown (`npm run -s` hides them).
    const env = asInATerminal({
      NO_COLOR: "1", FORCE_COLOR: "0", npm_config_loglevel: undefined,
      [PORT_VARIABLE]: String(this.port), [DATABASE_PORT_VARIABLE]: String(this.databasePort),
    });
    // In a group of its own, so that stopping it stops everything it started, and an interrupted
    // `npm test` leaves no server behind.
    return RunningCommand.start(["bash", "-c", command], { cwd: this.sandbox, env, ownGroup: true });
  }

  private async waitUntilReady(process: RunningCommand, step: TranscriptStep): Promise<StepOutcome> {
    const deadline = Date.now() + BACKGROUND_READY_MS;
    while (Date.now() < deadline) {
      const actual = this.lines(process.output);
      if (matchLines(step.expected, actual)) return { step, actual, problem: undefined };
      if (!process.running) return { step, actual, problem: `it exited with status ${(await process.finished).code}` };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { step, actual: this.lines(process.output), problem: "it did not print what the text shows within 30 s" };
  }

  private async waitForBackground(background: Background[], step: TranscriptStep): Promise<StepOutcome> {
    const results = await withTimeout(Promise.all(background.map(({ process }) => process.finished)), BACKGROUND_READY_MS,
      () => Promise.all(background.map(({ process }) => process.stop())));
    const statuses = results.map((result) => result.code);
    const actual = this.lines(background.map(({ process, shown }) => process.output.slice(shown)).join(""));
    background.length = 0;
    const failed = statuses.find((status) => status !== 0);
    const problem =
      !matchLines(step.expected, actual) ? "the background commands' last output differs from the text"
      : failed !== undefined ? `a background command exited with status ${failed}`
      : undefined;
    return { step, actual, problem };
  }
}

/** Ports handed to runners of this process, so that two runners never share one. */
const portsInUse = new Set<number>();

/** A port nothing listens on now, and not handed to another runner. */
async function freePort(): Promise<number> {
  for (;;) {
    const probe = createServer().listen(0, "127.0.0.1");
    await once(probe, "listening");
    const address = probe.address();
    probe.close();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    if (port !== 0 && port !== SHOWN_PORT && !portsInUse.has(port)) {
      portsInUse.add(port);
      return port;
    }
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Promise<unknown>): Promise<T> {
  const timer = setTimeout(() => void onTimeout(), ms);
  try {
    return await promise;
  } finally {
    clearTimeout(timer);
  }
}
