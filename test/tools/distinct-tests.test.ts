import { describe, expect, it } from "vitest";
import { distinctTestFiles } from "../../tools/course/distinct-tests.ts";
import type { Snapshot, TangledFile } from "../../tools/tangle/tangle.ts";

/** A snapshot of chapter `number` holding these files (paths relative to the snapshot). */
function snapshot(number: number, files: Record<string, string>): Snapshot {
  const chapter = { number, slug: `0${number}-fixture`, file: `chapters/0${number}-fixture.md`, text: "" };
  const tangled = Object.entries(files).map(([path, content]): [string, TangledFile] => [path, { path, content, lines: [] }]);
  return { chapter, files: new Map(tangled) };
}

const frame = 'export const HEADER_BYTES = 4;\n';
const frameTest = 'import { HEADER_BYTES } from "./frame.ts";\nit("is four", () => expect(HEADER_BYTES).toBe(4));\n';

describe("distinctTestFiles", () => {
  it("keeps a test file only in the first snapshot where it and what it imports are the same", () => {
    const first = snapshot(1, { "src/frame.ts": frame, "src/frame.test.ts": frameTest });
    const second = snapshot(2, { "src/frame.ts": frame, "src/frame.test.ts": frameTest, "src/menu.test.ts": "it('shows', () => {});\n" });
    expect(distinctTestFiles([first, second])).toEqual([["src/frame.test.ts"], ["src/menu.test.ts"]]);
  });

  it("runs a test file again in a later snapshot when a file it imports, even indirectly, has changed", () => {
    const files = { "src/frame.ts": 'export { HEADER_BYTES } from "./header.ts";\n', "src/frame.test.ts": frameTest };
    const first = snapshot(1, { ...files, "src/header.ts": "export const HEADER_BYTES = 4;\n" });
    const second = snapshot(2, { ...files, "src/header.ts": "export const HEADER_BYTES = 4; // four bytes\n" });
    expect(distinctTestFiles([first, second])).toEqual([["src/frame.test.ts"], ["src/frame.test.ts"]]);
  });

  it("counts a file a test reaches by name, as a server it starts, as part of the test", () => {
    const test = 'const main = new URL("../server/main.ts", import.meta.url);\nit("starts", () => {});\n';
    const first = snapshot(1, { "src/testing/start.test.ts": test, "src/server/main.ts": "console.log(1);\n" });
    const second = snapshot(2, { "src/testing/start.test.ts": test, "src/server/main.ts": "console.log(2);\n" });
    expect(distinctTestFiles([first, second])).toEqual([["src/testing/start.test.ts"], ["src/testing/start.test.ts"]]);
  });

  it("gives a snapshot without test files none", () => {
    expect(distinctTestFiles([snapshot(1, { "src/frame.ts": frame })])).toEqual([[]]);
  });
});
