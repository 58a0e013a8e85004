import { describe, expect, it } from "vitest";
import { DEFAULT_PORT, parseDatabaseArguments } from "../../tools/database/arguments.ts";

describe("npm run database's arguments", () => {
  it("ask for a server on port 5433 when there are none", () => {
    expect(parseDatabaseArguments([])).toEqual({ port: DEFAULT_PORT });
    expect(DEFAULT_PORT).toBe(5433);
  });

  it("take a port as --port N or --port=N", () => {
    expect(parseDatabaseArguments(["--port", "6000"])).toEqual({ port: 6000 });
    expect(parseDatabaseArguments(["--port=6001"])).toEqual({ port: 6001 });
  });

  it("ask for help with --help or -h", () => {
    expect(parseDatabaseArguments(["--help"])).toEqual({ help: true });
    expect(parseDatabaseArguments(["--port", "6000", "-h"])).toEqual({ help: true });
  });

  it("say what is wrong with anything else", () => {
    expect(parseDatabaseArguments(["--prot", "6000"])).toEqual({ mistake: 'unknown argument "--prot"' });
    expect(parseDatabaseArguments(["--port"])).toEqual({ mistake: "--port needs a port number from 1 to 65535, not nothing" });
    expect(parseDatabaseArguments(["--port", "70000"])).toEqual({ mistake: '--port needs a port number from 1 to 65535, not "70000"' });
    expect(parseDatabaseArguments(["--port=five"])).toEqual({ mistake: '--port needs a port number from 1 to 65535, not "five"' });
    expect(parseDatabaseArguments(["--port", "0"])).toEqual({ mistake: '--port needs a port number from 1 to 65535, not "0"' });
  });
});
