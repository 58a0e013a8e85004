/**
 * The grader, on the fixture course. Most behaviours are shown by one student each of a class
 * that is graded once, in one batch (one tsc, one vitest); the student loop's single-exercise
 * grading and a class with an endless loop are graded at the same time.
 */
import { cp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { readCatalog, type GradedExercise } from "../../tools/exercises/catalog.ts";
import { gradeExercise } from "../../tools/grade/grade-exercise.ts";
import { gradeClass, type StudentGrade } from "../../tools/grade/grade-submission.ts";
import { classCsv } from "../../tools/grade/format-grades.ts";
import { createFixtureCourse, hangingAdd, type FixtureCourse } from "./fixture-course.ts";

let course: FixtureCourse;
let catalog: GradedExercise[];
const add = () => catalog[0] as GradedExercise;
/** The class below, graded once; every test about one of its students waits for it. */
let classGrades: Promise<StudentGrade[]>;
/** A class with an endless loop, graded at the same time (its wait costs no CPU), and how long that took. */
let hangingClass: Promise<StudentGrade[]>;

const options = () => ({ layout: course, exercises: catalog, withHidden: true, jobs: 2 });
const solvedAdd = `export function add(a: number, b: number): number {\n  return a + b;\n}\n`;

/** One student per behaviour: each a copy of the untouched exercises, with these files changed. */
const students: Record<string, Record<string, string>> = {
  "bob": {},
  "rewritten": {
    "01-add/add.test.ts": `import { it } from "vitest";\nit("adds two numbers", () => {});\n`,
    "01-add/exercise.json": JSON.stringify({ title: "x", chapter: 1, files: ["add.ts", "add.test.ts"], tests: { "adds two numbers": 100 } }),
  },
  "compile-error": { "01-add/add.ts": `export function add(a: number, b: number): number {\n  return "a" + b;\n}\n` },
  "imports-vitest": { "01-add/add.ts": `import { expect } from "vitest";\n${solvedAdd}void expect;\n` },
  // 01-add is set in chapter 1: chapter 2's code, or anything outside its folder, is not its to use.
  "imports-later": { "01-add/add.ts": `import { GREETING } from "#chapter-02/greeting.ts";\n${solvedAdd}void GREETING;\n` },
  "imports-outside": { "01-add/add.ts": `export { add } from "../../../../solutions/01-add/add.ts";\n` },
  "throws": { "01-add/add.ts": `throw new Error("boom");\n${solvedAdd}` },
  // Alone, `relies` does not compile; in one program with `augments`, it would.
  "augments": { "01-add/add.ts": `${solvedAdd}declare global {\n  interface Number {\n    twice(): number;\n  }\n}\n` },
  "relies": { "01-add/add.ts": `export function add(a: number, b: number): number {\n  return a + b + (0).twice();\n}\n` },
};

beforeAll(async () => {
  course = await createFixtureCourse();
  catalog = await readCatalog(course);
  const classDir = path.join(course.root, "class");
  await cp(course.solutionsDir, path.join(classDir, "ada"), { recursive: true });
  for (const [name, changes] of Object.entries(students)) await copyExercises(path.join(classDir, name, "exercises"), changes);
  const link = path.join(classDir, "link", "01-add", "add.ts");
  await copyExercises(path.join(classDir, "link"));
  await rm(link);
  await symlink(path.join(course.solutionsDir, "01-add", "add.ts"), link);
  classGrades = gradeClass(classDir, options());
  hangingClass = gradeHangingClass();
  // Each test that waits for one reports its failure.
  classGrades.catch(() => undefined);
  hangingClass.catch(() => undefined);
});
afterAll(() => course.dispose());

/** Copies the untouched exercises to `dir`, then writes the given files into the copy. */
async function copyExercises(dir: string, changes: Record<string, string> = {}): Promise<void> {
  await cp(course.exercisesDir, dir, { recursive: true });
  for (const [file, text] of Object.entries(changes)) await writeFile(path.join(dir, file), text);
}

/** A student's grade for 01-add. */
async function addOf(student: string) {
  const grade = (await classGrades).find((grade) => grade.student === student);
  return grade?.exercises.find((exercise) => exercise.id === "01-add");
}

// Runs while the class (started in beforeAll) is graded.
describe.concurrent("gradeExercise, which the student loop uses", { timeout: 60_000 }, () => {
  it("gives full marks to the solution, its hidden tests included", async ({ expect }) => {
    const grade = await gradeExercise({ layout: course, exercise: add(), submissionDir: course.solutionsDir, withHidden: true });
    expect(grade).toMatchObject({ score: 4, max: 4, passed: 3, failed: 0, feedback: [], problem: undefined });
    expect(grade.tests.map((test) => test.name)).toContain("(hidden) add, hidden > adds zero");
  });

  it("leaves the hidden tests out when asked, as the student loop does", async ({ expect }) => {
    const grade = await gradeExercise({ layout: course, exercise: add(), submissionDir: course.solutionsDir, withHidden: false });
    expect(grade).toMatchObject({ score: 3, max: 3, passed: 2 });
  });
});

describe.concurrent("grading a class in one batch", { timeout: 120_000 }, () => {
  it("grades a class, one folder per student, into a CSV row each", async ({ expect }) => {
    expect(classCsv(await classGrades)).toBe([
      "student,score,max,01-add,02-greet",
      "ada,6,6,4,2", "augments,4,6,4,0", "bob,0,6,0,0", "compile-error,0,6,0,0",
      "imports-later,0,6,0,0", "imports-outside,0,6,0,0", "imports-vitest,0,6,0,0",
      "link,0,6,0,0", "relies,0,6,0,0", "rewritten,0,6,0,0", "throws,0,6,0,0", "",
    ].join("\n"));
  });

  it("gives full marks to the solution, its hidden tests included", async ({ expect }) => {
    const grade = await addOf("ada");
    expect(grade).toMatchObject({ score: 4, max: 4, passed: 3, failed: 0, feedback: [], problem: undefined });
    expect(grade?.tests.map((test) => test.name)).toContain("(hidden) add, hidden > adds zero");
  });

  it("gives zero to the untouched starter, naming each failed test and its message", async ({ expect }) => {
    const grade = await addOf("bob");
    expect(grade).toMatchObject({ score: 0, max: 4, passed: 0, failed: 3, problem: undefined });
    expect(grade?.feedback).toContain("✗ add > adds two numbers: Not implemented yet: add");
  });

  it("uses the course's tests and metadata, never the submission's copies", async ({ expect }) => {
    expect(await addOf("rewritten")).toMatchObject({ score: 0, max: 4, failed: 3 });
  });

  it("reports a compile error as such, with the file and line, and gives no points", async ({ expect }) => {
    const grade = await addOf("compile-error");
    expect(grade).toMatchObject({ score: 0, problem: "compile-error" });
    expect(grade?.feedback[0]).toMatch(/does not compile[\s\S]*add\.ts\(2,3\): error TS2322/);
  });

  it("refuses a file that reaches into the test framework", async ({ expect }) => {
    expect(await addOf("imports-vitest")).toMatchObject({ score: 0, problem: "forbidden-import" });
  });

  it("refuses a file that imports another chapter's code, or reaches out of the exercise's folder", async ({ expect }) => {
    expect(await addOf("imports-later")).toMatchObject({
      score: 0, problem: "forbidden-import",
      feedback: ["add.ts imports #chapter-02/greeting.ts: this exercise is set in chapter 1, and uses its code as #chapter-01/..."],
    });
    expect(await addOf("imports-outside")).toMatchObject({
      score: 0, problem: "forbidden-import",
      feedback: ["add.ts imports ../../../../solutions/01-add/add.ts, outside the exercise's folder: use the chapter's code as #chapter-01/..."],
    });
  });

  it("treats a symbolic link to the solution as a missing file", async ({ expect }) => {
    expect(await addOf("link")).toMatchObject({ score: 0, problem: "missing-file", feedback: ["missing file(s): add.ts"] });
  });

  it("reports a module that throws on import as the reason each of its tests failed", async ({ expect }) => {
    const grade = await addOf("throws");
    expect(grade).toMatchObject({ score: 0, failed: 3, problem: undefined });
    expect(grade?.feedback[0]).toMatch(/exercises\/01-add\/\S+\.test\.ts could not run: boom/);
  });

  it("type-checks alone a file that declares globals, so that it cannot change another student's type-check", async ({ expect }) => {
    expect(await addOf("augments")).toMatchObject({ score: 4, problem: undefined });
    const grade = await addOf("relies");
    expect(grade).toMatchObject({ score: 0, problem: "compile-error" });
    expect(grade?.feedback[0]).toMatch(/add\.ts\(2,\d+\): error TS2339: Property 'twice' does not exist/);
  });

  it("gives each exercise a share of the batch's time", async ({ expect }) => {
    const seconds = (await classGrades).flatMap((grade) => grade.exercises.map((exercise) => exercise.seconds));
    expect(seconds.every((value) => value > 0)).toBe(true);
  });
});

/** Ada's solutions, and a student whose 01-add never finishes loading; in two batches. */
async function gradeHangingClass(): Promise<StudentGrade[]> {
  const classDir = path.join(course.root, "hanging-class");
  await cp(course.solutionsDir, path.join(classDir, "ada"), { recursive: true });
  await copyExercises(path.join(classDir, "hangs"), {
    "01-add/add.ts": hangingAdd,
    "02-greet/greet.ts": await readFile(path.join(course.solutionsDir, "02-greet", "greet.ts"), "utf8"),
  });
  // A batch per student, side by side with one vitest worker each: while the hanging file holds
  // its batch's worker, that batch cannot reach the student's other exercise either.
  return gradeClass(classDir, { ...options(), batchSize: 2, timeLimitSeconds: 8 });
}

// The test's timeout is what says the grading ends: the time limit, twice, and room for a busy machine.
describe("a batch with an endless loop", { timeout: 120_000 }, () => {
  it("stops it at the time limit, tries the hanging exercise once more alone, and loses only that exercise", async ({ expect }) => {
    const grades = await hangingClass;
    expect(grades.map((grade) => [grade.student, grade.exercises.map((exercise) => [exercise.id, exercise.score, exercise.problem])])).toEqual([
      ["ada", [["01-add", 4, undefined], ["02-greet", 2, undefined]]],
      ["hangs", [["01-add", 0, "timeout"], ["02-greet", 2, undefined]]],
    ]);
    expect(grades[1]?.exercises[0]?.feedback[0]).toMatch(/stopped after 8 s, twice: the tests did not finish/);
  });
});
