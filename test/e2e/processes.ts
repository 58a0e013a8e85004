import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { bundleProgram } from "../../src/testing/bundle-program.ts";
import { ServerProcess } from "../../src/server/server-process.ts";
import { runCommand } from "../../tools/process/command.ts";

/** The folder holding the bundles, while there is one. */
let bundleDir: Promise<string> | undefined;

/**
 * The server and the client, each compiled once into a JavaScript file that plain node starts:
 * the same code as `npm start` and `npm run client` run through tsx, at a fifth of the start-up.
 */
async function bundles(): Promise<{ server: string; client: string }> {
  bundleDir ??= mkdtemp(path.join(tmpdir(), "e2e-bundles-")).then(async (dir) => {
    await Promise.all([bundleProgram("server", path.join(dir, "server.mjs")), bundleProgram("client", path.join(dir, "client.mjs"))]);
    return dir;
  });
  const dir = await bundleDir;
  return { server: path.join(dir, "server.mjs"), client: path.join(dir, "client.mjs") };
}

/** Removes the bundles; for a test file's `afterAll`. */
export async function removeBundles(): Promise<void> {
  const dir = bundleDir;
  bundleDir = undefined;
  if (dir !== undefined) await rm(await dir, { recursive: true, force: true });
}

/** Servers started and not yet stopped, so a test that fails half-way leaves none behind. */
const running = new Set<ServerProcess>();

/** Stops every server a test started; for `afterEach`. */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((server) => server[Symbol.asyncDispose]()));
}

/** How long a test that starts processes may take: long enough for a busy machine, only to stop a hang. */
export const PROCESS_TEST_TIMEOUT_MS = 60_000;

/** Starts the complete server on a free port with the given data file, without waiting: it may yet be refused. */
export async function launchServer(dataFile: string): Promise<ServerProcess> {
  const server = ServerProcess.start(["--port", "0", "--data", dataFile], {}, (await bundles()).server);
  running.add(server);
  void server.exited.then(() => running.delete(server));
  return server;
}

/** Starts the complete server on a free port with the given data file, and waits until it listens. */
export async function startServer(dataFile: string): Promise<{ server: ServerProcess; port: number }> {
  const server = await launchServer(dataFile);
  const { port } = await server.address();
  return { server, port };
}

/**
 * Runs the complete client, `src/client/main.ts`, with `input` piped in as a user would type it.
 * `env` adds to its environment: `CAR_SERVER_TOKEN_FILE` tells it where the server wrote its admin token.
 * It runs from its bundle, as the server does.
 */
export async function runClient(port: number, input: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; output: string }> {
  const args = ["--enable-source-maps", (await bundles()).client, "127.0.0.1", "--port", String(port)];
  return runCommand([process.execPath, ...args], { cwd: process.cwd(), env, input });
}
