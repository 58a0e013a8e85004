/** `npm run exercise`, the student's command line, run as a student would, on the fixture course. */
import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "../../tools/process/command.ts";
import { createFixtureCourse, repositoryRoot, type FixtureCourse } from "./fixture-course.ts";

let course: FixtureCourse;
beforeAll(async () => {
  course = await createFixtureCourse();
});
afterAll(() => course.dispose());

const tsx = [process.execPath, path.join(repositoryRoot, "node_modules", "tsx", "dist", "cli.mjs")];
const exercise = (...args: string[]) => runCommand([...tsx, path.join(repositoryRoot, "tools/exercises/cli.ts"), ...args, "--course", course.root], { cwd: course.root });
const solve = async (id: string, file: string) => cp(path.join(course.solutionsDir, id, file), path.join(course.exercisesDir, id, file));

describe.sequential("npm run exercise", { timeout: 60_000 }, () => {
  it("lists every exercise as not started at first", async () => {
    const { code, output } = await exercise("list");
    expect(code).toBe(0);
    expect(output).toMatch(/^01-add +ch 1 +not started +Adding$/m);
    expect(output).toMatch(/^02-greet +ch 2 +not started +Greeting$/m);
  });

  it("checks an exercise by its number, with each test and its points, and fails while a test fails", async () => {
    const { code, output } = await exercise("check", "1");
    expect(code).toBe(1);
    expect(output).toContain("  ✗ add > adds two numbers (1 point)\n      Not implemented yet: add\n");
    expect(output).toContain("0/3 points: 0 of 2 tests pass");
  });

  it("passes a solved exercise", async () => {
    await solve("01-add", "add.ts");
    const { code, output } = await exercise("check", "add");
    expect(code).toBe(0);
    expect(output).toContain("3/3 points: all tests pass");
  });

  it("lists the started exercises, checked together, as passing, or failing with their points", async () => {
    await writeFile(path.join(course.exercisesDir, "02-greet", "greet.ts"), `export function greet(name = "world"): string {\n  return "Hello, " + name;\n}\n`);
    const { output } = await exercise("list");
    expect(output).toMatch(/^01-add +ch 1 +passing +Adding$/m);
    expect(output).toMatch(/^02-greet +ch 2 +failing \(0\/2\) +Greeting$/m);
  });

  it("shows the hints one at a time, then says there are no more", async () => {
    expect((await exercise("hint", "01-add")).output).toBe("Hint 1: the operator (1 of 2)\n\nUse `+`.\n");
    expect((await exercise("hint", "01-add")).output).toBe("Hint 2: the answer (2 of 2)\n\n`return a + b;`\n");
    expect((await exercise("hint", "01-add")).output).toContain("(That was the last hint; the README has them all.)");
  });

  it("resets an exercise to its starter and keeps the student's version", async () => {
    const { code, output } = await exercise("reset", "01-add");
    expect(code).toBe(0);
    expect(await readFile(path.join(course.exercisesDir, "01-add", "add.ts"), "utf8")).toContain("Not implemented yet: add");
    const backup = /your version is in (\S+)\//.exec(output)?.[1] ?? "";
    expect(await readFile(path.join(course.root, backup, "add.ts"), "utf8")).toContain("return a + b;");
  });

  it("names the exercises when asked for one that does not exist", async () => {
    const { code, output } = await exercise("check", "42");
    expect(code).toBe(2);
    expect(output).toContain('no exercise "42"');
  });
});
