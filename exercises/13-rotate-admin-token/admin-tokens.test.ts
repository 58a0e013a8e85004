import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ActionTable } from "#chapter-09/server/action.ts";
import { AdminToken } from "#chapter-09/server/admin-token.ts";
import { createCarActions } from "#chapter-09/server/car-actions.ts";
import { createSampleRegistry } from "#chapter-09/server/sample-registrations.ts";
import { AdminTokens, createRotateTokenAction, requireAdminTokens, type WriteToken } from "./admin-tokens.ts";

/** A clock that stands still until the test moves it. */
function manualClock() {
  let now = 0;
  return { clock: () => now, advance: (ms: number) => void (now += ms) };
}

/** The car actions, with SHUTDOWN counting how often it ran, and ROTATE_TOKEN writing with `writeToken`. */
function serverActions(tokens: AdminTokens, writeToken: WriteToken = async () => {}) {
  const stops = { count: 0 };
  const actions: ActionTable = new Map([
    ...createCarActions({ registry: createSampleRegistry(), requestShutdown: () => void stops.count++ }),
    createRotateTokenAction(tokens, "cars.token", writeToken),
  ]);
  return { guarded: requireAdminTokens(actions, tokens), stops };
}

/** Runs `name` from the table with these arguments. */
function run(actions: ActionTable, name: string, ...args: unknown[]) {
  return actions.get(name)?.run(args);
}

describe("AdminTokens", () => {
  it("accepts the token it starts with, and nothing else", () => {
    const tokens = new AdminTokens(new AdminToken("first"), 60_000, manualClock().clock);
    expect(tokens.matches("first")).toBe(true);
    expect(tokens.matches("firs")).toBe(false);
    expect(tokens.matches(undefined)).toBe(false);
  });

  it("after a rotation, accepts the new token, and the old one for `graceMs` more", () => {
    const { clock, advance } = manualClock();
    const tokens = new AdminTokens(new AdminToken("first"), 60_000, clock);
    tokens.rotate(new AdminToken("second"));
    expect(tokens.current.text).toBe("second");
    expect(tokens.matches("second")).toBe(true);
    expect(tokens.matches("first")).toBe(true);
    advance(59_999);
    expect(tokens.matches("first")).toBe(true);
  });

  it("refuses the old token from `graceMs` after the rotation on, and goes on accepting the new one", () => {
    const { clock, advance } = manualClock();
    const tokens = new AdminTokens(new AdminToken("first"), 60_000, clock);
    tokens.rotate(new AdminToken("second"));
    advance(60_000);
    expect(tokens.matches("first")).toBe(false);
    advance(3_600_000);
    expect(tokens.matches("second")).toBe(true);
  });

  it("keeps one old token only: a second rotation retires the first token at once", () => {
    const { clock, advance } = manualClock();
    const tokens = new AdminTokens(new AdminToken("first"), 60_000, clock);
    tokens.rotate(new AdminToken("second"));
    advance(1_000);
    tokens.rotate(new AdminToken("third"));
    expect(tokens.matches("first")).toBe(false);
    expect(tokens.matches("second")).toBe(true);
    expect(tokens.matches("third")).toBe(true);
  });
});

describe("requireAdminTokens", () => {
  it("runs SHUTDOWN with the current token, or with the old one while its grace lasts", async () => {
    const { clock, advance } = manualClock();
    const tokens = new AdminTokens(new AdminToken("first"), 60_000, clock);
    const { guarded, stops } = serverActions(tokens);
    expect(await run(guarded, "SHUTDOWN", "first")).toBeUndefined();
    tokens.rotate(new AdminToken("second"));
    advance(30_000);
    expect(await run(guarded, "SHUTDOWN", "first")).toBeUndefined();
    expect(await run(guarded, "SHUTDOWN", "second")).toBeUndefined();
    expect(stops.count).toBe(3);
  });

  it("refuses SHUTDOWN without a token, or with an old one whose grace is over, as chapter 9 does", async () => {
    const { clock, advance } = manualClock();
    const tokens = new AdminTokens(new AdminToken("first"), 60_000, clock);
    const { guarded, stops } = serverActions(tokens);
    tokens.rotate(new AdminToken("second"));
    advance(60_000);
    expect(await run(guarded, "SHUTDOWN")).toEqual([false, "SHUTDOWN needs the admin token"]);
    expect(await run(guarded, "SHUTDOWN", "first")).toEqual([false, "SHUTDOWN refused: wrong admin token"]);
    expect(stops.count).toBe(0);
  });

  it("lets only the current token rotate: an old one, even in its grace, may not", async () => {
    const tokens = new AdminTokens(new AdminToken("first"), 60_000, manualClock().clock);
    const { guarded } = serverActions(tokens);
    expect(await run(guarded, "ROTATE_TOKEN")).toEqual([false, "ROTATE_TOKEN needs the admin token"]);
    expect(await run(guarded, "ROTATE_TOKEN", "first")).toEqual([true, null]);
    const second = tokens.current.text;
    expect(await run(guarded, "ROTATE_TOKEN", "first")).toEqual([false, "ROTATE_TOKEN refused: wrong admin token"]);
    expect(tokens.current.text).toBe(second);
  });
});

describe("createRotateTokenAction", () => {
  it("writes a new random token to the token file, only its owner may read it, and makes it the current one", async () => {
    const directory = await mkdtemp(join(tmpdir(), "rotate-"));
    try {
      const tokenPath = join(directory, "cars.token");
      const tokens = new AdminTokens(new AdminToken("first"), 60_000, manualClock().clock);
      const [name, action] = createRotateTokenAction(tokens, tokenPath);
      expect(name).toBe("ROTATE_TOKEN");
      expect(await action.run([])).toEqual([true, null]);
      const written = (await readFile(tokenPath, "utf8")).trim();
      expect(written).toHaveLength(43); // 32 random bytes in base64url, as AdminToken.generate() makes them
      expect(tokens.current.text).toBe(written);
      expect((await stat(tokenPath)).mode & 0o777).toBe(0o600);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it("leaves the token as it was when the token file cannot be written, and says so", async () => {
    const tokens = new AdminTokens(new AdminToken("first"), 60_000, manualClock().clock);
    const [, action] = createRotateTokenAction(tokens, "/data/cars.token", async () => {
      throw new Error("ENOSPC: no space left on device");
    });
    expect(await action.run([])).toEqual([false, "ROTATE_TOKEN failed: cannot write /data/cars.token; the admin token is unchanged"]);
    expect(tokens.current.text).toBe("first");
    expect(tokens.matches("first")).toBe(true);
  });

  it("rotates one request at a time, so that the token file ends up holding the current token", async () => {
    // A token file whose writes finish when the test says, the latest first.
    let file = "first";
    const unfinished: (() => void)[] = [];
    const writeToken: WriteToken = (_path, token) => {
      file = token.text;
      return new Promise<void>((resolve) => unfinished.push(resolve));
    };
    const tokens = new AdminTokens(new AdminToken("first"), 60_000, manualClock().clock);
    const [, action] = createRotateTokenAction(tokens, "cars.token", writeToken);
    const replies = Promise.all([action.run([]), action.run([])]);
    let settled = false;
    void replies.then(() => (settled = true));
    while (!settled) {
      await new Promise((resolve) => setImmediate(resolve));
      unfinished.pop()?.();
    }
    expect(await replies).toEqual([[true, null], [true, null]]);
    expect(tokens.current.text).toBe(file);
  });
});
