import { spawn, type ChildProcess } from "node:child_process";
import { constants } from "node:os";

/** How to start a command. */
export interface CommandOptions {
  readonly cwd: string;
  /** Added to this process's environment; a variable set to undefined is removed. */
  readonly env?: NodeJS.ProcessEnv | undefined;
  /** What to write to its standard input, which is then closed; without it, it reads nothing. */
  readonly input?: string | undefined;
  /** Let the command write to this terminal instead of capturing what it prints. */
  readonly inherit?: boolean | undefined;
  /**
   * Start it in a process group of its own, so that stopping it stops everything it started (a
   * shell's children, vitest's workers). Such a group does not get the terminal's Ctrl-C, so it
   * is watched: when this process ends without having stopped it (Ctrl-C, a crash), the group is
   * killed within seconds, and nothing it started (a server, a student's endless loop) outlives it.
   */
  readonly ownGroup?: boolean | undefined;
  /** Milliseconds after which it is killed, with its group: a command that hangs costs this and no more. */
  readonly timeLimitMs?: number | undefined;
  /** Aborting kills it at once, with its group. */
  readonly signal?: AbortSignal | undefined;
}

/** How a finished command ended. */
export interface CommandResult {
  /** The exit status; for a command ended by a signal, 128 + the signal's number, as a shell says. */
  readonly code: number;
  /** Standard output and standard error together, as they came (empty when inherited). */
  readonly output: string;
  /** Whether the time limit ended it. */
  readonly timedOut: boolean;
}

/**
 * A command started as a child process: what it has printed so far, and its end. The one way the
 * course's tools run other programs (tsc, vitest, the site build, a transcript's commands, a
 * student's tests), with or without a time limit.
 */
export class RunningCommand {
  /** Everything it has printed so far, standard output and standard error together. */
  output = "";
  /** Resolves once it has exited and its output is closed. */
  readonly finished: Promise<CommandResult>;
  #timedOut = false;
  readonly #child: ChildProcess;
  readonly #ownGroup: boolean;

  private constructor(command: readonly string[], options: CommandOptions) {
    const [file = "", ...args] = command;
    const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
    for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
    this.#ownGroup = options.ownGroup === true;
    const input = options.input === undefined ? "ignore" : "pipe";
    this.#child = spawn(file, args, {
      cwd: options.cwd, env, detached: this.#ownGroup, stdio: options.inherit ? [input, "inherit", "inherit"] : [input, "pipe", "pipe"],
    });
    if (this.#ownGroup && this.#child.pid !== undefined) watchGroup(this.#child.pid);
    this.#child.stdin?.end(options.input);
    this.#child.stdout?.setEncoding("utf8").on("data", (text: string) => (this.output += text));
    this.#child.stderr?.setEncoding("utf8").on("data", (text: string) => (this.output += text));
    this.finished = this.#finish(options);
  }

  /** Starts `command` (the program, then its arguments). */
  static start(command: readonly string[], options: CommandOptions): RunningCommand {
    return new RunningCommand(command, options);
  }

  /** Whether it has not exited yet. */
  get running(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** The process's id, or undefined when it could not be started. */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** Sends `signal` to it, and to its whole group when it has one of its own. */
  kill(signal: NodeJS.Signals = "SIGTERM"): void {
    try {
      if (this.#ownGroup && this.#child.pid !== undefined) process.kill(-this.#child.pid, signal);
      else this.#child.kill(signal);
    } catch {
      // It has already gone.
    }
  }

  /** Stops it politely (SIGTERM), then for good (SIGKILL) if it has not ended after `graceMs`. */
  async stop(graceMs = 10_000): Promise<CommandResult> {
    if (!this.running) return this.finished;
    this.kill("SIGTERM");
    const timer = setTimeout(() => this.kill("SIGKILL"), graceMs);
    try {
      return await this.finished;
    } finally {
      clearTimeout(timer);
    }
  }

  async #finish({ timeLimitMs, signal }: CommandOptions): Promise<CommandResult> {
    const kill = () => this.kill("SIGKILL");
    const timer = timeLimitMs === undefined ? undefined : setTimeout(() => {
      this.#timedOut = true;
      kill();
    }, timeLimitMs);
    signal?.addEventListener("abort", kill, { once: true });
    try {
      const [code, signalName] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
        this.#child.on("error", reject);
        this.#child.on("close", (code, signalName) => resolve([code, signalName]));
      });
      // Whatever the command left running in its group goes with it.
      if (this.#ownGroup) kill();
      return { code: code ?? 128 + (signalName === null ? 0 : constants.signals[signalName]), output: this.output, timedOut: this.#timedOut };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", kill);
    }
  }
}

/**
 * Starts a shell that kills the process group `group` as soon as this process has gone, and ends
 * by itself once the group has. It is a process of its own, since this one may end by a signal
 * that leaves it no time to clean up.
 */
function watchGroup(group: number): void {
  const bothAlive = `kill -0 ${process.pid} 2>/dev/null && kill -0 -${group} 2>/dev/null`;
  const script = `while ${bothAlive}; do sleep 1; done; kill -KILL -${group} 2>/dev/null`;
  spawn("sh", ["-c", script], { detached: true, stdio: "ignore" }).unref();
}

/** Runs `command` to its end, and resolves with how it ended; rejects only when it cannot be started. */
export function runCommand(command: readonly string[], options: CommandOptions): Promise<CommandResult> {
  return RunningCommand.start(command, options).finished;
}

/**
 * `env`, with the variables a test runner sets (vitest's own, `NODE_ENV`, `TEST`, colour and
 * Node options) removed, so that a command started from a test behaves as it does in a terminal.
 */
export function asInATerminal(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const removed = Object.keys(process.env).filter((name) => /^(VITEST|__VITEST|TEST$|NODE_ENV$|NODE_OPTIONS$|FORCE_COLOR$)/.test(name));
  return { ...Object.fromEntries(removed.map((name) => [name, undefined])), ...env };
}
