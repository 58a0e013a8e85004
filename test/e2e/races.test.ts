import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleRequest } from "../../src/client/handle-request.ts";
import type { Address } from "../../src/protocol/address.ts";
import { PROCESS_TEST_TIMEOUT_MS, removeBundles, startServer, stopAllServers } from "./processes.ts";

const CLIENTS = 25;
let dir: string;
let address: Address;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "races-"));
  const started = await startServer(path.join(dir, "cars.json"));
  address = { host: "127.0.0.1", port: started.port };
}, PROCESS_TEST_TIMEOUT_MS);

afterAll(async () => {
  await stopAllServers();
  await removeBundles();
  await rm(dir, { recursive: true, force: true });
});

describe("many clients at once, against the server process", { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it("lets exactly one of many clients register the same license", async () => {
    const replies = await Promise.all(Array.from({ length: CLIENTS }, (_, i) =>
      handleRequest(address, ["NEW_REGISTRATION", "RACE 1", 4, 1000, `Owner ${i}`])));
    expect(replies.filter(([ok]) => ok)).toHaveLength(1);
    expect(replies.filter(([ok]) => !ok).map(([, message]) => message))
      .toEqual(Array(CLIENTS - 1).fill("Cannot register duplicate license"));
  });

  it("ends racing mileage updates at the highest mileage sent", async () => {
    await handleRequest(address, ["NEW_REGISTRATION", "RACE 2", 4, 0, "Racer"]);
    const mileages = Array.from({ length: CLIENTS }, (_, i) => 1000 + ((i * 7919) % CLIENTS) * 10);
    await Promise.all(mileages.map((mileage) => handleRequest(address, ["CHANGE_MILEAGE", "RACE 2", mileage])));
    const [ok, , mileage] = await handleRequest(address, ["GET_CAR_DETAILS", "RACE 2"]);
    expect(ok).toBe(true);
    expect(mileage).toBe(Math.max(...mileages));
  });
});
