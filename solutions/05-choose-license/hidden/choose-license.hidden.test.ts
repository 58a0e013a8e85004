import { describe, expect, it } from "vitest";
import type { Session } from "#chapter-04/client/actions.ts";
import { Console } from "#chapter-04/client/console.ts";
import type { Reply, Request } from "#chapter-04/protocol/messages.ts";
import { recorder, typed } from "#chapter-04/testing/text-streams.ts";
import { chooseLicense, getCarDetailsOrChoose } from "../choose-license.ts";

function fakeSession(input: string, server: (request: Request) => Reply) {
  const output = recorder();
  const requests: Request[] = [];
  const session: Session = {
    console: new Console(typed(input), output.stream, { echo: true }),
    request: async (request) => {
      requests.push(request);
      return server(request);
    },
    notify: async () => {},
  };
  return { session, requests, output: output.text };
}

describe("chooseLicense, hidden", () => {
  it("asks the server nothing when the user enters no start", async () => {
    const { session, requests } = fakeSession("\n", () => [true, []]);
    expect(await chooseLicense(session)).toBeUndefined();
    expect(requests).toEqual([]);
  });

  it("prints the server's message when the search itself is refused", async () => {
    const { session, output } = fakeSession("0\n", () => [false, "Unknown action \"GET_LICENSES_STARTING_WITH\""]);
    expect(await chooseLicense(session)).toBeUndefined();
    expect(output()).toContain("Unknown action");
  });
});

describe("getCarDetailsOrChoose, hidden", () => {
  it("does not offer a choice for a failure other than 'not registered'", async () => {
    const { session, requests } = fakeSession("024 HYR\n", () => [false, "The server is busy"]);
    expect(await getCarDetailsOrChoose(session, "X")).toBe("X");
    expect(requests).toEqual([["GET_CAR_DETAILS", "024 HYR"]]);
  });
});
