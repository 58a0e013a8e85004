import { afterEach, describe, expect, it } from "vitest";
import { handleRequest } from "#chapter-05/client/handle-request.ts";
import { createCarActions } from "#chapter-05/server/car-actions.ts";
import { CarServer } from "#chapter-05/server/car-server.ts";
import { createSampleRegistry } from "#chapter-05/server/sample-registrations.ts";
import { Car } from "#chapter-05/server/car.ts";
import { licensesStartingWith, licensesStartingWithAction } from "./licenses-starting-with.ts";

/** The sample registrations, with two more that start like "024 HYR". */
function registry() {
  const cars = createSampleRegistry();
  cars.set("024 ZZZ", new Car(4, 10, "Zoe Zed"));
  cars.set("024 ABC", new Car(4, 20, "Al Bee"));
  return cars;
}

const servers: CarServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A server with the chapter's actions and yours, on a free port. */
async function startServer() {
  const cars = registry();
  const actions = new Map([...createCarActions({ registry: cars, requestShutdown: () => {} }), licensesStartingWithAction(cars)]);
  const server = new CarServer(actions);
  servers.push(server);
  return server.listen("127.0.0.1", 0);
}

describe("licensesStartingWith", () => {
  it("finds the licenses that start with the given text, sorted", () => {
    expect(licensesStartingWith(registry(), "024")).toEqual(["024 ABC", "024 HYR", "024 ZZZ"]);
  });

  it("ignores case", () => {
    expect(licensesStartingWith(registry(), "rocket")).toEqual(["ROCKET 9"]);
  });

  it("finds nothing when no license starts that way", () => {
    expect(licensesStartingWith(registry(), "XYZ")).toEqual([]);
  });

  it("matches every license for an empty start", () => {
    expect(licensesStartingWith(registry(), "")).toEqual(["024 ABC", "024 HYR", "024 ZZZ", "381 PFD", "77 ZEN 1", "B 402 KX", "ROCKET 9"]);
  });
});

describe("GET_LICENSES_STARTING_WITH, over the wire", () => {
  it("replies [true, licenses] to a client", async () => {
    const address = await startServer();
    expect(await handleRequest(address, ["GET_LICENSES_STARTING_WITH", "024 h"])).toEqual([true, ["024 HYR"]]);
  });

  it("refuses a request without its argument, saying what it expects", async () => {
    const address = await startServer();
    const reply = await handleRequest(address, ["GET_LICENSES_STARTING_WITH"]);
    expect(reply[0]).toBe(false);
    expect(reply[1]).toMatch(/^GET_LICENSES_STARTING_WITH expects 1 argument/);
  });

  it("refuses a start that is not a string", async () => {
    const address = await startServer();
    const reply = await handleRequest(address, ["GET_LICENSES_STARTING_WITH", 24]);
    expect(reply).toEqual([false, expect.stringMatching(/start to be a string/)]);
  });
});
