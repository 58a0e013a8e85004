import { spawn } from "node:child_process";

/** How a child process ended: its output, its exit code, and whether the time limit stopped it. */
export interface LimitedRun {
  readonly code: number;
  readonly output: string;
  readonly timedOut: boolean;
}

/** What to run, where, and for how long at most. */
export interface LimitedCommand {
  readonly command: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Wall-clock milliseconds before the whole process group is killed. */
  readonly timeLimitMs: number;
  /** Aborting kills the process group at once (the grader is interrupted, a watch re-runs). */
  readonly signal?: AbortSignal;
}

/**
 * Runs a command in its own process group and kills the whole group (the command and every process
 * it started, such as vitest's workers) when the time limit passes. A submission that loops forever
 * costs its time limit and nothing more.
 */
export function runLimited({ command, cwd, env, timeLimitMs, signal }: LimitedCommand): Promise<LimitedRun> {
  return new Promise((resolve, reject) => {
    const [file = "", ...args] = command;
    const child = spawn(file, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let timedOut = false;
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        // The group has already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeLimitMs);
    signal?.addEventListener("abort", killGroup, { once: true });
    child.stdout.setEncoding("utf8").on("data", (text: string) => (output += text));
    child.stderr.setEncoding("utf8").on("data", (text: string) => (output += text));
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", killGroup);
      killGroup(); // whatever the command left running in its group goes with it
      resolve({ code: code ?? 1, output, timedOut });
    });
  });
}
