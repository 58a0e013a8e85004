import { describe, expect, it } from "vitest";
import { isTestFile, measureChapter } from "../../tools/literate/book-measures.ts";
import { tangle } from "../../tools/tangle/tangle.ts";
import { chapter, fence } from "./fixtures.ts";

describe("measureChapter", () => {
  const one = chapter(1,
    "# Greetings",
    "",
    "> **In the original:** `greet()` in `greet.py`.",
    "",
    "Some prose words here.",
    "",
    fence("ts file=src/greet.ts", "export function greet(): string {", "  // «the greeting»", "}"),
    fence("ts chunk=\"the greeting\"", "return \"hi\";"),
    fence("ts file=src/greet.test.ts", "it(\"greets\", () => {});"),
    fence("mermaid", "flowchart LR", "  a --> b"),
  );
  const two = chapter(2, "# Politer", "", fence("ts chunk=\"the greeting\" replace", "return \"good morning, and welcome to the course\";"));

  it("counts the code a chapter shows, and how much of it ends up in tests", () => {
    const snapshots = tangle([one, two]).snapshots;
    const measures = measureChapter(one, snapshots[0]!);
    expect(measures).toMatchObject({ lines: 21, codeLines: 4, testLines: 1, diagrams: 1, replaceLines: 0, namesTheOriginal: true });
    expect(measures.proseWords).toBe(11); // the title, the line on the original, and the prose; no code
  });

  it("counts a revision's lines and the widest line of code", () => {
    const measures = measureChapter(two, tangle([one, two]).snapshots[1]!);
    expect(measures).toMatchObject({ replaceLines: 1, widestCode: 49, namesTheOriginal: false });
  });

  it("calls tests, test helpers and Python tests test code, and nothing else", () => {
    expect(["src/a.test.ts", "src/testing/run.ts", "src/python/test_client.py"].every(isTestFile)).toBe(true);
    expect(["src/a.ts", "src/testing.ts", "src/python/car_client.py"].some(isTestFile)).toBe(false);
  });
});
