import { describe, expect, it } from "vitest";
import type { Session } from "#chapter-04/client/actions.ts";
import { Console } from "#chapter-04/client/console.ts";
import type { Reply, Request } from "#chapter-04/protocol/messages.ts";
import { recorder, typed } from "#chapter-04/testing/text-streams.ts";
import { chooseLicense, getCarDetailsOrChoose } from "./choose-license.ts";

const CARS: Record<string, Reply> = {
  "024 HYR": [true, 2, 97543, "Jack Lemon"],
  "024 JKL": [true, 5, 1200, "Ada Byron"],
};

/** The server of these tests: two cars, and licenses by their start, sorted, in any case. */
function server(request: Request): Reply {
  const [action, argument] = request;
  if (action === "GET_CAR_DETAILS") return CARS[String(argument)] ?? [false, "This license is not registered"];
  if (action === "GET_LICENSES_STARTING_WITH") {
    return [true, Object.keys(CARS).filter((license) => license.startsWith(String(argument).toUpperCase()))];
  }
  return [false, `Unknown action ${JSON.stringify(action)}`];
}

/** A session whose user types `input` and whose server is {@link server}; records output and requests. */
function fakeSession(input: string) {
  const output = recorder();
  const requests: Request[] = [];
  const session: Session = {
    console: new Console(typed(input), output.stream, { echo: true }),
    request: async (request) => {
      requests.push(request);
      return server(request);
    },
    notify: async (request) => void requests.push(request),
  };
  return { session, requests, output: output.text };
}

describe("chooseLicense", () => {
  it("lists the licenses that start with what the user types, numbered from 1", async () => {
    const { session, output } = fakeSession("024\n2\n");
    await chooseLicense(session);
    expect(output()).toBe("Start of license: 024\n1. 024 HYR\n2. 024 JKL\nChoose a car (0 cancels) [0]: 2\n");
  });

  it("resolves with the license the user picks", async () => {
    const { session, requests } = fakeSession("024\n2\n");
    expect(await chooseLicense(session)).toBe("024 JKL");
    expect(requests).toEqual([["GET_LICENSES_STARTING_WITH", "024"]]);
  });

  it("resolves with undefined when the user picks 0", async () => {
    const { session } = fakeSession("024\n0\n");
    expect(await chooseLicense(session)).toBeUndefined();
  });

  it("says so when no license starts that way, and asks no more", async () => {
    const { session, output } = fakeSession("999\n");
    expect(await chooseLicense(session)).toBeUndefined();
    expect(output()).toBe("Start of license: 999\nNo licenses start with 999\n");
  });

  it("asks again for a number that is not on the list", async () => {
    const { session } = fakeSession("024\n3\n1\n");
    expect(await chooseLicense(session)).toBe("024 HYR");
  });
});

describe("getCarDetailsOrChoose", () => {
  it("shows a registered car at once, as (C)ar does", async () => {
    const { session, output } = fakeSession("024 hyr\n");
    expect(await getCarDetailsOrChoose(session, "")).toBe("024 HYR");
    expect(output()).toBe("License: 024 hyr\nLicense: 024 HYR\nSeats: 2\nMileage: 97543\nOwner: Jack Lemon\n");
  });

  it("offers a choice after 'not registered' and shows the car chosen", async () => {
    const { session, output, requests } = fakeSession("024 HYX\n024\n2\n");
    expect(await getCarDetailsOrChoose(session, "")).toBe("024 JKL");
    expect(output()).toContain("This license is not registered\nStart of license: 024\n1. 024 HYR\n2. 024 JKL\n");
    expect(output()).toContain("License: 024 JKL\nSeats: 5\nMileage: 1200\nOwner: Ada Byron\n");
    expect(requests.at(-1)).toEqual(["GET_CAR_DETAILS", "024 JKL"]);
  });

  it("keeps the previous license when the user cancels the choice", async () => {
    const { session } = fakeSession("024 HYX\n024\n0\n");
    expect(await getCarDetailsOrChoose(session, "024 HYR")).toBe("024 HYR");
  });
});
