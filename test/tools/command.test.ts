import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { asInATerminal, RunningCommand, runCommand } from "../../tools/process/command.ts";

let dir: string;
beforeEach(async () => (dir = await mkdtemp(path.join(tmpdir(), "command-"))));
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Whether a process with this id still runs: it exists, and is not a zombie waiting to be reaped. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // "12 (sleep) Z ...": a process killed after its parent is a zombie until init reaps it.
  const stat = readFileSync(`/proc/${pid}/stat`, { encoding: "utf8", flag: "r" }).split(") ")[1] ?? "";
  return !stat.startsWith("Z");
}

describe("runCommand", () => {
  it("resolves with the exit status and everything printed, both streams together", async () => {
    const result = await runCommand(["bash", "-c", "echo out; echo err >&2; exit 3"], { cwd: dir });
    expect(result).toEqual({ code: 3, output: "out\nerr\n", timedOut: false });
  });

  it("gives a command ended by a signal the status a shell gives it, 128 and the signal's number", async () => {
    expect((await runCommand(["bash", "-c", "kill -TERM $$"], { cwd: dir })).code).toBe(143);
  });

  it("writes the input to the command's standard input, and adds to or removes from its environment", async () => {
    const env = { COURSE_ADDED: "yes", HOME: undefined };
    // sh, not bash: bash whose input is a socket (as a pipe from Node is) runs ~/.bashrc, which
    // may print, the more so without HOME.
    const result = await runCommand(["sh", "-c", 'read line; echo "$line ${COURSE_ADDED} ${HOME:-no home}"'], { cwd: dir, env, input: "typed\n" });
    expect(result.output).toBe("typed yes no home\n");
  });

  it("kills the command and everything it started when the time limit passes", async () => {
    const script = `sleep 60 & echo $! > child.pid; wait`;
    const result = await runCommand(["bash", "-c", script], { cwd: dir, ownGroup: true, timeLimitMs: 500 });
    expect(result).toMatchObject({ code: 137, timedOut: true });
    const child = Number(await readFile(path.join(dir, "child.pid"), "utf8"));
    await expect.poll(() => isRunning(child), { timeout: 10_000 }).toBe(false);
  });

  it("kills the command at once when its signal is aborted", async () => {
    const controller = new AbortController();
    const running = runCommand(["sleep", "60"], { cwd: dir, ownGroup: true, signal: controller.signal });
    controller.abort();
    expect(await running).toMatchObject({ code: 137, timedOut: false });
  });

  it("kills a command in a group of its own when the process that started it dies without stopping it", async () => {
    // A process that starts `sleep 60` in a group of its own, says its id, and is then killed.
    const command = path.join(import.meta.dirname, "../../tools/process/command.ts");
    const starter = `const { RunningCommand } = await import(${JSON.stringify(command)});
      const sleeping = RunningCommand.start(["sleep", "60"], { cwd: ".", ownGroup: true });
      console.log(sleeping.pid);
      setInterval(() => {}, 1000);`;
    const parent = RunningCommand.start([process.execPath, "--import", "tsx", "--input-type=module", "-e", starter], { cwd: process.cwd() });
    await expect.poll(() => parent.output.trim(), { timeout: 10_000 }).toMatch(/^\d+$/);
    const sleeping = Number(parent.output.trim());
    expect(isRunning(sleeping)).toBe(true);
    parent.kill("SIGKILL");
    await expect.poll(() => isRunning(sleeping), { timeout: 10_000 }).toBe(false);
  });

  it("rejects when the program cannot be started", async () => {
    await expect(runCommand(["no-such-program-here"], { cwd: dir })).rejects.toMatchObject({ code: "ENOENT" });
  });
});

describe("RunningCommand", () => {
  it("shows what it has printed so far while it runs, and stops politely when asked", async () => {
    const program = `process.on("SIGTERM", () => { console.log("stopping"); process.exit(0); }); console.log("ready"); setInterval(() => {}, 1000);`;
    const command = RunningCommand.start([process.execPath, "-e", program], { cwd: dir, ownGroup: true });
    await expect.poll(() => command.output).toBe("ready\n");
    expect(command.running).toBe(true);
    expect(await command.stop()).toMatchObject({ code: 0, output: "ready\nstopping\n" });
    expect(command.running).toBe(false);
  });
});

describe("asInATerminal", () => {
  it("removes the variables a test runner sets, and keeps what it is given", () => {
    const env = asInATerminal({ NO_COLOR: "1" });
    expect(env["NO_COLOR"]).toBe("1");
    for (const name of Object.keys(process.env).filter((name) => name.startsWith("VITEST"))) expect(env).toHaveProperty(name, undefined);
    expect(Object.keys(process.env).some((name) => name.startsWith("VITEST"))).toBe(true);
  });
});
