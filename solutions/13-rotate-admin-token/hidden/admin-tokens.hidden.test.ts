import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ActionTable } from "#chapter-09/server/action.ts";
import { AdminToken } from "#chapter-09/server/admin-token.ts";
import { createCarActions } from "#chapter-09/server/car-actions.ts";
import { createSampleRegistry } from "#chapter-09/server/sample-registrations.ts";
import { AdminTokens, createRotateTokenAction, requireAdminTokens, type WriteToken } from "../admin-tokens.ts";

/** A clock that stands still until the test moves it. */
function manualClock() {
  let now = 0;
  return { clock: () => now, advance: (ms: number) => void (now += ms) };
}

/** Runs `name` from the table with these arguments. */
function run(actions: ActionTable, name: string, ...args: unknown[]) {
  return actions.get(name)?.run(args);
}

describe("AdminTokens, hidden", () => {
  it("counts the grace from the rotation, not from the start", () => {
    const { clock, advance } = manualClock();
    const tokens = new AdminTokens(new AdminToken("first"), 1_000, clock);
    advance(10_000);
    tokens.rotate(new AdminToken("second"));
    advance(999);
    expect(tokens.matches("first")).toBe(true);
    advance(1);
    expect(tokens.matches("first")).toBe(false);
  });

  it("with a grace of 0, refuses the old token at once", () => {
    const tokens = new AdminTokens(new AdminToken("first"), 0, manualClock().clock);
    tokens.rotate(new AdminToken("second"));
    expect(tokens.matches("first")).toBe(false);
    expect(tokens.matches("second")).toBe(true);
  });

  it("forgets an old token once its grace is over, even if the clock then goes back", () => {
    const { clock, advance } = manualClock();
    const tokens = new AdminTokens(new AdminToken("first"), 60_000, clock);
    tokens.rotate(new AdminToken("second"));
    advance(60_000);
    expect(tokens.matches("first")).toBe(false);
    advance(-30_000);
    expect(tokens.matches("first")).toBe(false);
  });

  it("refuses what is not a string, before and after a rotation", () => {
    const tokens = new AdminTokens(new AdminToken("first"), 60_000, manualClock().clock);
    for (const candidate of [null, 1, ["first"], { text: "first" }]) expect(tokens.matches(candidate)).toBe(false);
    tokens.rotate(new AdminToken("second"));
    for (const candidate of [null, 1, ["first"], { text: "second" }]) expect(tokens.matches(candidate)).toBe(false);
  });
});

describe("requireAdminTokens, hidden", () => {
  it("leaves the other actions as they are: no token needed, none taken off", async () => {
    const tokens = new AdminTokens(new AdminToken("first"), 60_000, manualClock().clock);
    const guarded = requireAdminTokens(createCarActions({ registry: createSampleRegistry(), requestShutdown() {} }), tokens);
    expect(await run(guarded, "GET_CAR_DETAILS", "024 HYR")).toEqual([true, 2, 97543, "Jack Lemon"]);
    expect(await run(guarded, "CHANGE_OWNER", "024 HYR", "first")).toEqual([true, null]);
    expect(await run(guarded, "GET_CAR_DETAILS", "024 HYR")).toEqual([true, 2, 97543, "first"]);
  });

  it("from end to end: ROTATE_TOKEN writes the token file, and SHUTDOWN works with the token read from it", async () => {
    const directory = await mkdtemp(join(tmpdir(), "rotate-"));
    try {
      const tokenPath = join(directory, "cars.token");
      const tokens = new AdminTokens(new AdminToken("first"), 60_000, manualClock().clock);
      let stops = 0;
      const guarded = requireAdminTokens(new Map([
        ...createCarActions({ registry: createSampleRegistry(), requestShutdown: () => void stops++ }),
        createRotateTokenAction(tokens, tokenPath),
      ]), tokens);
      expect(await run(guarded, "ROTATE_TOKEN", "first")).toEqual([true, null]);
      const second = (await readFile(tokenPath, "utf8")).trim();
      expect(second).not.toBe("first");
      expect(await run(guarded, "ROTATE_TOKEN", second)).toEqual([true, null]);
      const third = (await readFile(tokenPath, "utf8")).trim();
      expect(await run(guarded, "SHUTDOWN", "first")).toEqual([false, "SHUTDOWN refused: wrong admin token"]);
      expect(await run(guarded, "SHUTDOWN", third)).toBeUndefined();
      expect(stops).toBe(1);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe("createRotateTokenAction, hidden", () => {
  it("takes no arguments besides the token, and rotates nothing when given some", async () => {
    const tokens = new AdminTokens(new AdminToken("first"), 60_000, manualClock().clock);
    const guarded = requireAdminTokens(new Map([createRotateTokenAction(tokens, "cars.token", async () => {})]), tokens);
    expect(await run(guarded, "ROTATE_TOKEN", "now", "first")).toEqual([false, "ROTATE_TOKEN expects no arguments, got 1"]);
    expect(tokens.current.text).toBe("first");
  });

  it("never writes two token files at once, and rotates to a new token each time", async () => {
    let writing = 0;
    let mostAtOnce = 0;
    const written: string[] = [];
    const writeToken: WriteToken = async (_path, token) => {
      writing += 1;
      mostAtOnce = Math.max(mostAtOnce, writing);
      await new Promise((resolve) => setImmediate(resolve));
      written.push(token.text);
      writing -= 1;
    };
    const tokens = new AdminTokens(new AdminToken("first"), 60_000, manualClock().clock);
    const [, action] = createRotateTokenAction(tokens, "cars.token", writeToken);
    await Promise.all(Array.from({ length: 5 }, () => action.run([])));
    expect(mostAtOnce).toBe(1);
    expect(new Set(written).size).toBe(5);
    expect(tokens.current.text).toBe(written.at(-1));
  });

  it("after a failed write, keeps an old token in its grace as it was", async () => {
    const { clock, advance } = manualClock();
    const tokens = new AdminTokens(new AdminToken("first"), 60_000, clock);
    let fail = false;
    const [, action] = createRotateTokenAction(tokens, "cars.token", async () => {
      if (fail) throw new Error("EACCES");
    });
    expect(await action.run([])).toEqual([true, null]);
    const second = tokens.current.text;
    fail = true;
    advance(1_000);
    expect(await action.run([])).toEqual([false, "ROTATE_TOKEN failed: cannot write cars.token; the admin token is unchanged"]);
    expect(tokens.current.text).toBe(second);
    expect(tokens.matches("first")).toBe(true);
  });
});
