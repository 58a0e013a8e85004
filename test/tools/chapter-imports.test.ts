import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { readChapters } from "../../tools/literate/chapters.ts";
import { chapterImports } from "../../tools/tangle/course.ts";

describe("package.json's imports", () => {
  it("send each chapter's #chapter-NN/ to that chapter's code, and name no other", async () => {
    const { imports } = JSON.parse(await readFile("package.json", "utf8")) as { imports?: unknown };
    expect(imports).toEqual(chapterImports(await readChapters(process.cwd())));
  });
});
