import { cp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { readCatalog, type GradedExercise } from "../../tools/exercises/catalog.ts";
import { gradeExercise } from "../../tools/grade/grade-exercise.ts";
import { gradeClass, gradeSubmission } from "../../tools/grade/grade-submission.ts";
import { classCsv } from "../../tools/grade/report.ts";
import { createFixtureCourse, hangingAdd, type FixtureCourse } from "./fixture-course.ts";

let course: FixtureCourse;
let catalog: GradedExercise[];
const add = () => catalog[0] as GradedExercise;

beforeAll(async () => {
  course = await createFixtureCourse();
  catalog = await readCatalog(course);
});
afterAll(() => course.dispose());

/** Copies the untouched exercises to `name`, then writes the given files into the copy. */
async function submission(name: string, changes: Record<string, string> = {}): Promise<string> {
  const dir = path.join(course.root, "submissions", name);
  await cp(course.exercisesDir, dir, { recursive: true });
  for (const [file, text] of Object.entries(changes)) await writeFile(path.join(dir, file), text);
  return dir;
}

const options = () => ({ layout: course, exercises: catalog, withHidden: true, jobs: 2 });

describe.concurrent("gradeExercise", { timeout: 60_000 }, () => {
  it("gives full marks to the solution, its hidden tests included", async ({ expect }) => {
    const grade = await gradeExercise({ layout: course, exercise: add(), submissionDir: course.solutionsDir, withHidden: true });
    expect(grade).toMatchObject({ score: 4, max: 4, passed: 3, failed: 0, feedback: [], problem: undefined });
    expect(grade.tests.map((test) => test.name)).toContain("(hidden) add, hidden > adds zero");
  });

  it("leaves the hidden tests out when asked, as the student loop does", async ({ expect }) => {
    const grade = await gradeExercise({ layout: course, exercise: add(), submissionDir: course.solutionsDir, withHidden: false });
    expect(grade).toMatchObject({ score: 3, max: 3, passed: 2 });
  });

  it("gives zero to the untouched starter, naming each failed test and its message", async ({ expect }) => {
    const grade = await gradeExercise({ layout: course, exercise: add(), submissionDir: course.exercisesDir, withHidden: true });
    expect(grade).toMatchObject({ score: 0, max: 4, passed: 0, failed: 3, problem: undefined });
    expect(grade.feedback).toContain("✗ add > adds two numbers: Not implemented yet: add");
  });

  it("uses the course's tests and metadata, never the submission's copies", async ({ expect }) => {
    const dir = await submission("rewritten", {
      "01-add/add.test.ts": `import { it } from "vitest";\nit("adds two numbers", () => {});\n`,
      "01-add/exercise.json": JSON.stringify({ title: "x", chapter: 1, files: ["add.ts", "add.test.ts"], tests: { "adds two numbers": 100 } }),
    });
    const grade = await gradeExercise({ layout: course, exercise: add(), submissionDir: dir, withHidden: true });
    expect(grade).toMatchObject({ score: 0, max: 4, failed: 3 });
  });

  it("reports a compile error as such, with the file and line, and gives no points", async ({ expect }) => {
    const dir = await submission("compile-error", {
      "01-add/add.ts": `export function add(a: number, b: number): number {\n  return "a" + b;\n}\n`,
    });
    const grade = await gradeExercise({ layout: course, exercise: add(), submissionDir: dir, withHidden: true });
    expect(grade).toMatchObject({ score: 0, problem: "compile-error" });
    expect(grade.feedback[0]).toMatch(/does not compile[\s\S]*add\.ts\(2,3\): error TS2322/);
  });

  it("refuses a file that reaches into the test framework", async ({ expect }) => {
    const dir = await submission("imports-vitest", {
      "01-add/add.ts": `import { expect } from "vitest";\nexport function add(a: number, b: number): number {\n  return a + b;\n}\nvoid expect;\n`,
    });
    const grade = await gradeExercise({ layout: course, exercise: add(), submissionDir: dir, withHidden: true });
    expect(grade).toMatchObject({ score: 0, problem: "forbidden-import" });
  });

  it("treats a symbolic link to the solution as a missing file", async ({ expect }) => {
    const dir = await submission("link");
    const file = path.join(dir, "01-add", "add.ts");
    await cp(file, `${file}.bak`);
    await rm(file);
    await symlink(path.join(course.solutionsDir, "01-add", "add.ts"), file);
    const grade = await gradeExercise({ layout: course, exercise: add(), submissionDir: dir, withHidden: true });
    expect(grade).toMatchObject({ score: 0, problem: "missing-file", feedback: ["missing file(s): add.ts"] });
  });

  it("reports a module that throws on import as the reason each of its tests failed", async ({ expect }) => {
    const dir = await submission("throws", { "01-add/add.ts": `throw new Error("boom");\nexport function add(a: number, b: number): number {\n  return a + b;\n}\n` });
    const grade = await gradeExercise({ layout: course, exercise: add(), submissionDir: dir, withHidden: false });
    expect(grade).toMatchObject({ score: 0, failed: 2 });
    expect(grade.feedback[0]).toMatch(/could not run: boom/);
  });
});

describe.concurrent("gradeSubmission", { timeout: 120_000 }, () => {
  it("stops a hanging exercise at the time limit, tries it once more alone, and loses only that exercise", async ({ expect }) => {
    const dir = await submission("hanging", {
      "01-add/add.ts": hangingAdd,
      "02-greet/greet.ts": await readFile(path.join(course.solutionsDir, "02-greet", "greet.ts"), "utf8"),
    });
    const started = performance.now();
    const grade = await gradeSubmission(dir, { ...options(), timeLimitSeconds: 8 });
    expect(performance.now() - started).toBeLessThan(60_000); // two time limits and some

    expect(grade.exercises.map((exercise) => [exercise.id, exercise.score, exercise.problem])).toEqual([
      ["01-add", 0, "timeout"],
      ["02-greet", 2, undefined],
    ]);
    expect(grade.exercises[0]?.feedback[0]).toMatch(/stopped after 8 s, twice: the tests did not finish/);
  });

  it("grades a class, one folder per student, into a CSV row each", async ({ expect }) => {
    const classDir = path.join(course.root, "class");
    await cp(course.solutionsDir, path.join(classDir, "ada"), { recursive: true });
    await cp(course.exercisesDir, path.join(classDir, "bob", "exercises"), { recursive: true });
    const grades = await gradeClass(classDir, options());
    expect(classCsv(grades)).toBe("student,score,max,01-add,02-greet\nada,6,6,4,2\nbob,0,6,0,0\n");
  });
});
