import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { distinctTestFiles } from "../../tools/course/distinct-tests.ts";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "distinct-tests-"));
});
afterEach(() => rm(root, { recursive: true, force: true }));

/** Writes a snapshot folder with these files (paths relative to the snapshot) and returns it. */
async function snapshot(name: string, files: Record<string, string>): Promise<string> {
  const dir = path.join(root, name);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  return dir;
}

const frame = 'export const HEADER_BYTES = 4;\n';
const frameTest = 'import { HEADER_BYTES } from "./frame.ts";\nit("is four", () => expect(HEADER_BYTES).toBe(4));\n';

describe("distinctTestFiles", () => {
  it("keeps a test file only in the first snapshot where it and what it imports are the same", async () => {
    const first = await snapshot("01", { "src/frame.ts": frame, "src/frame.test.ts": frameTest });
    const second = await snapshot("02", { "src/frame.ts": frame, "src/frame.test.ts": frameTest, "src/menu.test.ts": "it('shows', () => {});\n" });
    expect(distinctTestFiles([first, second])).toEqual([["src/frame.test.ts"], ["src/menu.test.ts"]]);
  });

  it("runs a test file again in a later snapshot when a file it imports, even indirectly, has changed", async () => {
    const files = { "src/frame.ts": 'export { HEADER_BYTES } from "./header.ts";\n', "src/frame.test.ts": frameTest };
    const first = await snapshot("01", { ...files, "src/header.ts": "export const HEADER_BYTES = 4;\n" });
    const second = await snapshot("02", { ...files, "src/header.ts": "export const HEADER_BYTES = 4; // four bytes\n" });
    expect(distinctTestFiles([first, second])).toEqual([["src/frame.test.ts"], ["src/frame.test.ts"]]);
  });

  it("counts a file a test reaches by name, as a server it starts, as part of the test", async () => {
    const test = 'const main = new URL("../server/main.ts", import.meta.url);\nit("starts", () => {});\n';
    const first = await snapshot("01", { "src/testing/start.test.ts": test, "src/server/main.ts": "console.log(1);\n" });
    const second = await snapshot("02", { "src/testing/start.test.ts": test, "src/server/main.ts": "console.log(2);\n" });
    expect(distinctTestFiles([first, second])).toEqual([["src/testing/start.test.ts"], ["src/testing/start.test.ts"]]);
  });

  it("gives a snapshot without a src folder no test files", async () => {
    expect(distinctTestFiles([path.join(root, "missing")])).toEqual([[]]);
  });
});
