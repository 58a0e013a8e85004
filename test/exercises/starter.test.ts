import { describe, expect, it } from "vitest";
import { parseExercise } from "../../tools/exercises/catalog.ts";
import { starterFromSolution, StarterMarkerError } from "../../tools/exercises/starter.ts";

const solution = [
  "export function add(a: number, b: number): number {",
  "  // BEGIN SOLUTION",
  "  return a + b;",
  "  // STARTER",
  '  // throw new Error("Not implemented");',
  "  // END SOLUTION",
  "}",
].join("\n");

describe("starterFromSolution", () => {
  it("replaces the solution lines with the uncommented starter lines, keeping their indentation", () => {
    expect(starterFromSolution(solution)).toBe(
      ["export function add(a: number, b: number): number {", '  throw new Error("Not implemented");', "}"].join("\n"),
    );
  });

  it("drops a solution region that has no starter part", () => {
    expect(starterFromSolution(["a", "// BEGIN SOLUTION", "b", "// END SOLUTION", "c"].join("\n"))).toBe("a\nc");
  });

  it("leaves a file without markers as it is", () => {
    expect(starterFromSolution("const x = 1;\n")).toBe("const x = 1;\n");
  });

  it("names the file and line of a region that is never ended", () => {
    expect(() => starterFromSolution("a\n// BEGIN SOLUTION\nb\n", "x.ts")).toThrow(/x\.ts:2: BEGIN SOLUTION is never ended/);
  });

  it("rejects a starter line that is not a comment", () => {
    expect(() => starterFromSolution("// BEGIN SOLUTION\n// STARTER\nreturn 1;\n// END SOLUTION", "x.ts")).toThrow(StarterMarkerError);
  });
});

describe("parseExercise", () => {
  const valid = { title: "Adding", chapter: 1, files: ["add.ts"], tests: { "adds": 1 } };

  it("reads a valid exercise.json, with the default time limit", () => {
    expect(parseExercise("01-add", valid, "exercise.json")).toMatchObject({ id: "01-add", files: ["add.ts"], timeLimitSeconds: 30 });
  });

  it("refuses an editable file in another folder, which would let a submission reach outside its exercise", () => {
    expect(() => parseExercise("01-add", { ...valid, files: ["../tests/add.test.ts"] }, "exercise.json")).toThrow(/"files"/);
  });

  it("reads whether the tests need PostgreSQL (by default, not), and refuses anything but true or false", () => {
    expect(parseExercise("01-add", valid, "exercise.json").postgres).toBe(false);
    expect(parseExercise("01-add", { ...valid, postgres: true }, "exercise.json").postgres).toBe(true);
    expect(() => parseExercise("01-add", { ...valid, postgres: "yes" }, "exercise.json")).toThrow(/"postgres"/);
  });

    it("refuses points that are not whole numbers", () => {
    expect(() => parseExercise("01-add", { ...valid, tests: { adds: 1.5 } }, "exercise.json")).toThrow(/points of "adds"/);
  });
});
