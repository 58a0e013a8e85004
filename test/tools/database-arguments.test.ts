import { describe, expect, it } from "vitest";
import { DEFAULT_PORT, parseDatabaseArguments } from "../../tools/database/arguments.ts";

describe("npm run database's arguments", () => {
  it("ask for a server on port 5433 when there are none", () => {
    expect(parseDatabaseArguments([], {})).toEqual({ command: "run", port: DEFAULT_PORT });
    expect(DEFAULT_PORT).toBe(5433);
  });

  it("take a port as --port N or --port=N, or from CAR_DATABASE_PORT", () => {
    expect(parseDatabaseArguments(["--port", "6000"], {})).toEqual({ command: "run", port: 6000 });
    expect(parseDatabaseArguments(["--port=6001"], {})).toEqual({ command: "run", port: 6001 });
    const env = { CAR_DATABASE_PORT: "6002" };
    expect(parseDatabaseArguments([], env)).toEqual({ command: "run", port: 6002 });
    expect(parseDatabaseArguments(["--port", "6003"], env)).toEqual({ command: "run", port: 6003 });
  });

  it("ask for the URL or a stop with a first word, url or stop", () => {
    expect(parseDatabaseArguments(["url"], {})).toEqual({ command: "url", port: DEFAULT_PORT });
    expect(parseDatabaseArguments(["stop", "--port", "6000"], {})).toEqual({ command: "stop", port: 6000 });
  });

  it("ask for help with --help or -h", () => {
    expect(parseDatabaseArguments(["--help"], {})).toEqual({ help: true });
    expect(parseDatabaseArguments(["--port", "6000", "-h"], {})).toEqual({ help: true });
  });

  it("say what is wrong with anything else", () => {
    const port = (given: string) => ({ mistake: `the port must be a number from 1 to 65535, not ${given}` });
    expect(parseDatabaseArguments(["--prot", "6000"], {})).toEqual({ mistake: 'unknown argument "--prot"' });
    expect(parseDatabaseArguments(["--port", "6000", "url"], {})).toEqual({ mistake: 'unknown argument "url"' });
    expect(parseDatabaseArguments(["--port"], {})).toEqual(port("nothing"));
    expect(parseDatabaseArguments(["--port", "70000"], {})).toEqual(port('"70000"'));
    expect(parseDatabaseArguments(["--port=five"], {})).toEqual(port('"five"'));
    expect(parseDatabaseArguments(["--port", "0"], {})).toEqual(port('"0"'));
    expect(parseDatabaseArguments([], { CAR_DATABASE_PORT: "x" })).toEqual(port('"x"'));
  });
});
