import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { PROCESS_TEST_TIMEOUT_MS, removeBundles, runClient, startServer, stopAllServers } from "./processes.ts";

const MENU = "(C)ar (M)ileage (O)wner (N)ew car (S)top server (Q)uit [c]:";
let dir: string;
let dataFile: string;
/** Tells the client where the server wrote its admin token (beside the data file), so (S)top server works. */
let adminToken: NodeJS.ProcessEnv;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "walkthrough-"));
  dataFile = path.join(dir, "cars.json");
  adminToken = { CAR_SERVER_TOKEN_FILE: path.join(dir, "cars.token") };
});

afterAll(removeBundles);

afterEach(async () => {
  await stopAllServers();
  await rm(dir, { recursive: true, force: true });
});

describe("the complete system, as separate server and client processes", { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it("replays the original course's walkthrough on a fresh start", async () => {
    const started = await startServer(dataFile);
    await using server = started.server;
    expect(server.output).toMatch(/^Loaded \d+ sample car registrations/m);
    const { code, output } = await runClient(started.port, "\n024 hyr\nm\n\n103491\nq\n");
    expect(output).toBe([
      MENU,
      "License: 024 hyr",
      "License: 024 HYR",
      "Seats: 2",
      "Mileage: 97543",
      "Owner: Jack Lemon",
      `${MENU} m`,
      "License [024 HYR]:",
      "Mileage [97543]: 103491",
      "Mileage successfully changed",
      `${MENU} q`,
      "",
    ].join("\n"));
    expect(code).toBe(0);
  });

  it("keeps every change across a stop from the client and a restart", async () => {
    const first = await startServer(dataFile);
    const changes = [
      "m\n024 hyr\n120000\n",
      "o\n\nAda Lovelace\n",
      "n\nab 12 cde\n5\n10\nGrace Hopper\n",
      "s\n",
    ].join("");
    const session = await runClient(first.port, changes, adminToken);
    expect(session.output).toContain("Mileage successfully changed");
    expect(session.output).toContain("Owner successfully changed");
    expect(session.output).toContain("Car AB 12 CDE successfully registered");
    expect(session.code).toBe(0);
    expect(await first.server.exited).toBe(0);

    const second = await startServer(dataFile);
    await using server = second.server;
    const check = await runClient(second.port, "c\n024 hyr\nc\nab 12 cde\nq\n");
    expect(check.output).toContain("License: 024 HYR\nSeats: 2\nMileage: 120000\nOwner: Ada Lovelace\n");
    expect(check.output).toContain("License: AB 12 CDE\nSeats: 5\nMileage: 10\nOwner: Grace Hopper\n");
    expect(server.output).toMatch(/Loaded \d+ car registrations/);
  });

  it("saves the changes when the server is stopped with SIGTERM or Ctrl-C", async () => {
    for (const [signal, owner] of [["SIGTERM", "Term Owner"], ["SIGINT", "Int Owner"]] as const) {
      const started = await startServer(dataFile);
      await runClient(started.port, `o\n024 hyr\n${owner}\nq\n`);
      started.server.kill(signal);
      expect(await started.server.exited).toBe(0);
      const again = await startServer(dataFile);
      await using server = again.server;
      const check = await runClient(again.port, "c\n024 hyr\nq\n");
      expect(check.output).toContain(`Owner: ${owner}\n`);
    }
  });

  it("tells the user the server is not running and exits with status 1", async () => {
    const started = await startServer(dataFile);
    const port = started.port;
    await runClient(port, "s\n", adminToken);
    await started.server.exited;
    const { code, output } = await runClient(port, "c\n024 hyr\n");
    expect(output).toMatch(new RegExp(`connect ECONNREFUSED 127\\.0\\.0\\.1:${port}: is the server running\\?`));
    expect(code).toBe(1);
  });
});
