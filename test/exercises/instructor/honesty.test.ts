/**
 * The exercises are honest (rustlings' two proofs): every solution scores full marks, hidden tests
 * included, and every untouched starter compiles and fails every one of its tests, so that no test
 * passes vacuously. Instructor-only: a student release has no solutions.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { courseLayout, readCatalog, type GradedExercise } from "../../../tools/exercises/catalog.ts";
import { readChapters } from "../../../tools/literate/chapters.ts";
import { readHints } from "../../../tools/exercises/hints.ts";
import { syncStarters } from "../../../tools/exercises/starter-files.ts";
import { forbiddenImport } from "../../../tools/grade/checks.ts";
import { gradeSubmissions, type SubmissionGrade } from "../../../tools/grade/grade-submission.ts";
import { repositoryRoot } from "../fixture-course.ts";

const layout = courseLayout(repositoryRoot);
let catalog: GradedExercise[];
let solutions: SubmissionGrade;
let starters: SubmissionGrade;

beforeAll(async () => {
  catalog = await readCatalog(layout);
  // Both in one batch: one tsc and one vitest for the twenty exercises.
  const submissions = [{ student: "solutions", dir: layout.solutionsDir }, { student: "starters", dir: layout.exercisesDir }];
  const [solved, untouched] = await gradeSubmissions(submissions, { layout, exercises: catalog, withHidden: true, jobs: 2 });
  if (solved === undefined || untouched === undefined) throw new Error("two submissions in, fewer grades out");
  [solutions, starters] = [solved, untouched];
}, 300_000);

describe("the course's exercises", () => {
  it("have starters that are exactly what their solutions generate", async () => {
    expect(await syncStarters(layout, catalog, true)).toEqual([]);
  });

  it("give every solution full marks, hidden tests included, with no test missing from the points tables", () => {
    const summary = solutions.exercises.map(({ id, score, max, feedback }) => ({ id, score, max, feedback }));
    expect(summary).toEqual(catalog.map((exercise) => ({ id: exercise.id, score: expect.any(Number), max: expect.any(Number), feedback: [] })));
    expect(solutions.score).toBe(solutions.max);
  });

  it("give every untouched starter zero: it compiles, and each of its tests fails", () => {
    for (const grade of starters.exercises) {
      expect({ id: grade.id, problem: grade.problem, passed: grade.passed }).toEqual({ id: grade.id, problem: undefined, passed: 0 });
    }
    expect(starters.score).toBe(0);
  });

  it("have hidden tests, each a sure failure on the starter too", () => {
    for (const exercise of catalog) expect(Object.keys(exercise.hiddenTests), exercise.id).not.toEqual([]);
  });

  it("each have a README with the files to edit and at least two hints", async () => {
    for (const exercise of catalog) {
      const readme = path.join(layout.exercisesDir, exercise.id, "README.md");
      const text = await readFile(readme, "utf8");
      for (const file of exercise.files) expect(text, exercise.id).toContain(`\`${file}\``);
      expect((await readHints(readme)).length, exercise.id).toBeGreaterThanOrEqual(2);
    }
  });

  it("import only the code of their own chapter, in every file: starter, solution and tests", async () => {
    const { default: ts } = await import("typescript");
    const strays: string[] = [];
    for (const exercise of catalog) {
      for (const dir of [path.join(layout.exercisesDir, exercise.id), path.join(layout.solutionsDir, exercise.id)]) {
        const files = (await readdir(dir, { recursive: true })).filter((file) => file.endsWith(".ts"));
        for (const file of files) {
          const { importedFiles } = ts.preProcessFile(await readFile(path.join(dir, file), "utf8"), true, true);
          for (const { fileName: name } of importedFiles) {
            // Tests import vitest; hidden tests sit one folder down, and import the solution as "../file.ts".
            if (name.startsWith("vitest") || exercise.files.some((own) => name === `../${own}`)) continue;
            const problem = forbiddenImport(`${exercise.id}/${file}`, name, exercise.chapter);
            if (problem !== undefined) strays.push(problem);
          }
        }
      }
    }
    expect(strays).toEqual([]);
  });

  it("include at least one exercise for every chapter written so far", async () => {
    const chapters = (await readChapters(repositoryRoot)).map((chapter) => chapter.number);
    const practised = new Set(catalog.map((exercise) => exercise.chapter));
    expect(chapters.filter((chapter) => !practised.has(chapter))).toEqual([]);
  });
});
