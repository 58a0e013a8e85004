import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readChapters } from "../../tools/literate/chapters.ts";

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "read-chapters-"));
  await mkdir(path.join(root, "chapters", "tests"), { recursive: true });
  await mkdir(path.join(root, "chapters", "appendix"), { recursive: true });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function write(file: string, text: string): Promise<void> {
  await writeFile(path.join(root, file), text);
}

describe("readChapters", () => {
  it("gives each chapter its tests, and every chapter the appendices", async () => {
    await write("chapters/01-one.md", "# One\n");
    await write("chapters/02-two.md", "# Two\n");
    await write("chapters/tests/02-two.md", "# Tests: Two\n");
    await write("chapters/appendix/helpers.md", "# Helpers\n");
    const [one, two] = await readChapters(root);
    expect(one?.tests).toBeUndefined();
    expect(two?.tests).toEqual({ file: "chapters/tests/02-two.md", text: "# Tests: Two\n" });
    expect(one?.appendices).toEqual([{ file: "chapters/appendix/helpers.md", text: "# Helpers\n" }]);
  });

  it("refuses tests whose chapter does not exist, naming both files", async () => {
    await write("chapters/01-one.md", "# One\n");
    await write("chapters/tests/01-uno.md", "# Tests\n");
    await expect(readChapters(root)).rejects.toThrow("chapters/tests/01-uno.md: these tests belong to chapters/01-uno.md, which does not exist");
  });
});
