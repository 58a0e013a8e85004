import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { build } from "esbuild";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { companionPath } from "../../src/protocol/data-files.ts";
import { launchServer, PROCESS_TEST_TIMEOUT_MS, removeBundles, startServer, stopAllServers } from "./processes.ts";

const CONTENDERS = 6;

/**
 * A contender: it says "ready", claims the data file named by its argument when it reads a line,
 * says "won" or "refused", and holds what it won until its input ends.
 */
const CONTENDER = `
import { createInterface } from "node:readline";
import { DataFileInUseError, DataLock } from ${JSON.stringify(path.join(import.meta.dirname, "../../src/server/data-lock.ts"))};
const input = createInterface({ input: process.stdin });
input.once("line", () => DataLock.acquire(process.argv[2]).then(
  () => console.log("won"),
  (error) => console.log(error instanceof DataFileInUseError ? "refused" : String(error)),
));
input.once("close", () => process.exit(0));
console.log("ready");
`;

let base: string;
let contender: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), "one-server-"));
  contender = path.join(base, "contender.mjs");
  await build({ stdin: { contents: CONTENDER, loader: "ts", resolveDir: base }, outfile: contender, bundle: true, platform: "node", format: "esm", logLevel: "silent" });
});

afterEach(stopAllServers);

afterAll(async () => {
  await removeBundles();
  await rm(base, { recursive: true, force: true });
});

/** A data file in a folder of its own, for one trial. */
async function freshDataFile(): Promise<string> {
  return path.join(await mkdtemp(path.join(base, "trial-")), "cars.json");
}

/** The id of a process that ran and has exited. */
async function exitedProcessId(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await once(child, "exit");
  return child.pid ?? 0;
}

/** Starts six contenders, lets them claim the data file at the same moment, and returns what each said. */
async function contend(dataFile: string): Promise<string[]> {
  const children = Array.from({ length: CONTENDERS }, () => spawn(process.execPath, [contender, dataFile], { stdio: ["pipe", "pipe", "inherit"] }));
  const closed = children.map((child) => once(child, "close"));
  try {
    const lines = children.map((child) => createInterface({ input: child.stdout })[Symbol.asyncIterator]());
    const next = () => Promise.all(lines.map(async (line) => String((await line.next()).value)));
    expect(await next()).toEqual(Array(CONTENDERS).fill("ready"));
    for (const child of children) child.stdin.write("go\n");
    return await next();
  } finally {
    for (const child of children) child.stdin.end();
    await Promise.all(closed);
  }
}

/**
 * Writes an empty lock file, written that long ago: what a power cut may leave, or a server killed
 * between creating its lock and writing its id, had it created the lock with `wx` and then written it.
 */
async function leaveEmptyLock(lockPath: string, secondsAgo: number): Promise<void> {
  await writeFile(lockPath, "");
  const then = new Date(Date.now() - secondsAgo * 1000);
  await utimes(lockPath, then, then);
}

describe("six processes claiming one data file at once", { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  const TRIALS = 5;
  const oneWinner = [...Array(CONTENDERS - 1).fill("refused"), "won"];

  /** Runs the trials one after the other, each in a folder of its own where `leave` has left a lock. */
  async function expectOneWinner(leave: (lockPath: string) => Promise<void>): Promise<void> {
    for (let trial = 0; trial < TRIALS; trial++) {
      const dataFile = await freshDataFile();
      await leave(companionPath(dataFile, ".lock"));
      expect((await contend(dataFile)).sort()).toEqual(oneWinner);
    }
  }

  it("lets exactly one win when there is no lock", () => expectOneWinner(async () => {}));

  it("lets exactly one win after a stale lock", () => expectOneWinner(async (lockPath) => writeFile(lockPath, `${await exitedProcessId()}\n`)));

  it("lets exactly one win after an old empty lock", () => expectOneWinner((lockPath) => leaveEmptyLock(lockPath, 60)));

  it("lets exactly one win after an empty lock just created, once it has aged", async () => {
    // Each trial waits for the lock to age (5 s), so the trials run side by side.
    await Promise.all(Array.from({ length: TRIALS }, async () => {
      const dataFile = await freshDataFile();
      await leaveEmptyLock(companionPath(dataFile, ".lock"), 0);
      expect((await contend(dataFile)).sort()).toEqual(oneWinner);
    }));
  });
});

describe("six servers started at once on one data file after a crash", { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  const TRIALS = 3;

  /** A data file whose server was killed, leaving its lock; `empty` empties it, and makes it old. */
  async function killedServersDataFile(empty: boolean): Promise<string> {
    const dataFile = await freshDataFile();
    const { server } = await startServer(dataFile);
    server.kill("SIGKILL");
    await server.exited;
    if (empty) await leaveEmptyLock(companionPath(dataFile, ".lock"), 60);
    return dataFile;
  }

  /** Starts six servers on the data file, on six ports, and checks that one runs and five were refused. */
  async function expectOneOfSixRunning(dataFile: string): Promise<void> {
    const servers = await Promise.all(Array.from({ length: CONTENDERS }, () => launchServer(dataFile)));
    const running = await Promise.all(servers.map((server) => server.address().then(() => true, () => false)));
    expect(running.filter(Boolean)).toHaveLength(1);
    for (const refused of servers.filter((_, index) => !running[index])) {
      expect(await refused.exited).toBe(1);
      expect(refused.output).toMatch(new RegExp(`^Cannot start the server: another server \\(process \\d+\\) is using ${dataFile}`, "m"));
    }
    await stopAllServers();
  }

  it("leaves exactly one of six servers running after a stale lock", async () => {
    for (let trial = 0; trial < TRIALS; trial++) await expectOneOfSixRunning(await killedServersDataFile(false));
  });

  it("leaves exactly one of six servers running after an empty lock", async () => {
    for (let trial = 0; trial < TRIALS; trial++) await expectOneOfSixRunning(await killedServersDataFile(true));
  });
});
