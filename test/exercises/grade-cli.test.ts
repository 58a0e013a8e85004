/** `npm run grade`, the instructor's command line, run as an instructor would, on the fixture course. */
import { readFile } from "node:fs/promises";
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
const grade = (...args: string[]) => runCommand([...tsx, path.join(repositoryRoot, "tools/grade/cli.ts"), ...args, "--course", course.root, "--quiet"], { cwd: course.root });

describe("npm run grade", { timeout: 60_000 }, () => {
  it("prints a table, writes the JSON the issue asks for, and exits 0 even for a low score", async () => {
    const json = path.join(course.root, "grade.json");
    const { code, output } = await grade(path.join(course.solutionsDir), "--json", json, "--only", "01-add");
    expect(code).toBe(0);
    expect(output).toMatch(/^01-add +3\/3 +4\/4$/m);
    const written = JSON.parse(await readFile(json, "utf8"));
    expect(written).toMatchObject({ score: 4, max: 4, exercises: [{ id: "01-add", score: 4, max: 4, passed: 3, failed: 0, feedback: [] }] });
  });

  it("exits 2, saying why, when it cannot start", async () => {
    expect(await grade(path.join(course.root, "no-such-folder"))).toMatchObject({ code: 2, output: `no such folder: ${path.join(course.root, "no-such-folder")}\n` });
    const json = path.join(course.root, "no-such-folder", "grade.json");
    expect(await grade(course.solutionsDir, "--json", json, "--only", "01-add")).toMatchObject({
      code: 2, output: `cannot write --json ${json}: that folder does not exist (${path.dirname(json)}); nothing was graded\n`,
    });
    expect(await grade(course.solutionsDir, "--only", "99-nothing")).toMatchObject({ code: 2, output: "no such exercise: 99-nothing\n" });
  });
});
