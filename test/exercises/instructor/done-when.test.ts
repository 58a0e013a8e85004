/**
 * The grader's promises, on the course's own exercises: a half-solved copy scores in between, a
 * copy whose tests were rewritten to pass scores zero, and a copy with an endless loop is graded
 * in bounded time, losing only that exercise. Instructor-only: they use the solutions.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courseLayout, readCatalog, type GradedExercise } from "../../../tools/exercises/catalog.ts";
import { gradeSubmission, gradeSubmissions, type StudentGrade } from "../../../tools/grade/grade-submission.ts";
import { repositoryRoot } from "../fixture-course.ts";

const layout = courseLayout(repositoryRoot);
let exercises: GradedExercise[];
let scratch: string;

beforeAll(async () => {
  // Two exercises that grade quickly (no network, no property tests): the cases are about the grader.
  const quick = ["07-transfer-race", "08-replay-audit-log"];
  exercises = (await readCatalog(layout)).filter((exercise) => quick.includes(exercise.id));
  scratch = await mkdtemp(path.join(os.tmpdir(), "done-when-"));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

const options = (timeLimitSeconds?: number) => ({ layout, exercises, withHidden: true, jobs: 2, timeLimitSeconds });
const [first, second] = [() => exercises[0] as GradedExercise, () => exercises[1] as GradedExercise];

/** A copy of the untouched exercises, with the solution of each exercise in `solved`. */
async function copyWithSolutions(name: string, solved: readonly GradedExercise[]): Promise<string> {
  const dir = path.join(scratch, name);
  await cp(layout.exercisesDir, dir, { recursive: true });
  for (const exercise of solved) {
    for (const file of exercise.files) await cp(path.join(layout.solutionsDir, exercise.id, file), path.join(dir, exercise.id, file));
  }
  return dir;
}

/** A copy of the untouched exercises whose tests were rewritten to pass whatever the code does. */
async function copyWithRewrittenTests(name: string): Promise<string> {
  const dir = await copyWithSolutions(name, []);
  for (const exercise of exercises) {
    const names = Object.keys(exercise.tests).map((name) => name.split(" > "));
    const tests = names.map((parts) => `describe(${JSON.stringify(parts[0])}, () => it(${JSON.stringify(parts.at(-1))}, () => {}));`);
    for (const testFile of (await readdir(path.join(dir, exercise.id))).filter((name) => name.endsWith(".test.ts"))) {
      await writeFile(path.join(dir, exercise.id, testFile), `import { describe, it } from "vitest";\n${tests.join("\n")}\n`);
    }
  }
  return dir;
}

describe("grading the course's exercises", { timeout: 120_000 }, () => {
  /** The half-solved and the rewritten copies, graded in one batch: one tsc and one vitest. */
  let copies: Promise<StudentGrade[]>;
  beforeAll(async () => {
    const submissions = [
      { student: "half", dir: await copyWithSolutions("half", [first()]) },
      { student: "rewritten", dir: await copyWithRewrittenTests("rewritten") },
    ];
    copies = gradeSubmissions(submissions, options());
    copies.catch(() => undefined);
  });
  const gradeOf = async (student: string) => (await copies).find((grade) => grade.student === student);

  it("gives a half-solved copy a score between zero and full marks", async () => {
    const grade = await gradeOf("half");
    expect(grade?.exercises.map((exercise) => exercise.score === exercise.max)).toEqual([true, false]);
    expect(grade?.score).toBeGreaterThan(0);
    expect(grade?.score).toBeLessThan(grade?.max ?? 0);
  });

  it("gives zero to a copy whose tests were rewritten to pass", async () => {
    const grade = await gradeOf("rewritten");
    expect(grade?.exercises.map((exercise) => exercise.id)).toEqual(exercises.map((exercise) => exercise.id));
    expect(grade?.score).toBe(0);
  });

  // The test's timeout is what says the grading ends: the time limit, twice, and room for a busy machine.
  it("stops an endless loop in one exercise at the time limit, losing only that exercise", async () => {
    const dir = await copyWithSolutions("endless", [second()]);
    const file = path.join(dir, first().id, first().files[0] ?? "");
    // Endless and synchronous, so the tests' own timeouts can never fire and only the grader's
    // time limit ends it; it sleeps rather than spins, so it holds no core the other tests need.
    const endless = "const asleep = new Int32Array(new SharedArrayBuffer(4));\nfor (;;) Atomics.wait(asleep, 0, 0);\n";
    await writeFile(file, `${await readFile(file, "utf8")}\n${endless}`);
    // A short limit, as the grader's default of 30 s would make this test slow; the timed-out
    // exercise is graded once more alone, so that a busy machine cannot fail the other one.
    const grade = await gradeSubmission(dir, options(6));
    expect(grade.exercises.map((exercise) => [exercise.problem, exercise.score === exercise.max])).toEqual([
      ["timeout", false],
      [undefined, true],
    ]);
    expect(grade.exercises[0]?.feedback[0]).toMatch(/^stopped after 6 s, twice/);
  });
});
