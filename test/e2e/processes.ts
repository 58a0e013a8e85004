import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";

/**
 * Runs a TypeScript file in one Node process, with tsx's loader. (The `tsx` command would start
 * a second process, and a signal sent to the first would not reach the program.)
 */
function spawnTypeScript(file: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildProcess & { stdin: NonNullable<ChildProcess["stdin"]>; stdout: NonNullable<ChildProcess["stdout"]>; stderr: NonNullable<ChildProcess["stderr"]> } {
  return spawn(process.execPath, ["--import", "tsx", file, ...args], { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, ...env } });
}

/** Servers started and not yet stopped, so a test that fails half-way leaves none behind. */
const running = new Set<ServerProcess>();

/** Stops every server a test started; for `afterEach`. */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((server) => server[Symbol.asyncDispose]()));
}

/** How long a test that starts processes may take: each process compiles TypeScript as it starts. */
export const PROCESS_TEST_TIMEOUT_MS = 60_000;

/** The complete server, `src/server/main.ts`, running as its own process. */
export class ServerProcess implements AsyncDisposable {
  output = "";
  readonly exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.setEncoding("utf8").on("data", (text: string) => (this.output += text));
    child.stderr?.setEncoding("utf8").on("data", (text: string) => (this.output += text));
    this.exited = once(child, "close").then(([code]) => code as number | null);
    running.add(this);
    void this.exited.then(() => running.delete(this));
  }

  /** Starts the server on a free port with the given data file, and waits until it listens. */
  static async start(dataFile: string): Promise<{ server: ServerProcess; port: number }> {
    const child = spawnTypeScript("src/server/main.ts", ["--port", "0", "--data", dataFile]);
    const server = new ServerProcess(child);
    const port = await server.waitForPort();
    return { server, port };
  }

  private async waitForPort(): Promise<number> {
    for (;;) {
      const match = /^Listening on [^\n]*:(\d+)$/m.exec(this.output);
      if (match) return Number(match[1]);
      if (this.child.exitCode !== null) throw new Error(`the server exited with ${this.child.exitCode}:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Sends a signal, as Ctrl-C (SIGINT) or a service manager (SIGTERM) would. */
  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill("SIGKILL");
      await this.exited;
    }
  }
}

/**
 * Runs the complete client, `src/client/main.ts`, with `input` piped in as a user would type it.
 * `env` adds to its environment: `CAR_SERVER_TOKEN_FILE` tells it where the server wrote its admin token.
 */
export async function runClient(port: number, input: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; output: string }> {
  const child = spawnTypeScript("src/client/main.ts", ["127.0.0.1", "--port", String(port)], env);
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (text: string) => (output += text));
  child.stderr.setEncoding("utf8").on("data", (text: string) => (output += text));
  child.stdin.end(input);
  const [code] = (await once(child, "close")) as [number | null];
  return { code, output };
}
