import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/** The command lines of the tools the course machinery runs, from this repository's node_modules. */
export const bin = {
  tsc: [process.execPath, require.resolve("typescript/bin/tsc")],
  vitest: [process.execPath, path.join(path.dirname(require.resolve("vitest/package.json")), "vitest.mjs")],
  tsx: [process.execPath, path.join(path.dirname(require.resolve("tsx/package.json")), "dist", "cli.mjs")],
} as const;

/** Set by `npm test` when it has built the site itself, so the site's tests do not build it again. */
export const SITE_BUILT = "COURSE_SITE_BUILT";

/** What a finished child process printed and how it ended. */
export interface RunResult {
  readonly code: number;
  readonly output: string;
}

/** Runs a command, capturing stdout and stderr together, adding `env` to the environment. */
export function capture(command: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const [file = "", ...args] = command;
    const child = spawn(file, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => (output += text));
    child.stderr.setEncoding("utf8").on("data", (text: string) => (output += text));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

/** Runs a command with the terminal passed through, adding `env` to the environment; resolves to its exit status. */
export function passThrough(command: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const [file = "", ...args] = command;
    const child = spawn(file, args, { cwd, stdio: "inherit", env: { ...process.env, ...env } });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve(code ?? (signal === "SIGINT" ? 130 : 1)));
  });
}

/**
 * Ends the program quietly when whoever reads its output stops reading (`| head`), instead of
 * crashing with EPIPE: the command-line tools call it first.
 */
export function exitQuietlyWhenOutputCloses(): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(0);
  });
}
