/**
 * The grader's PostgreSQL: for a batch with an exercise whose tests need one, one server, whose
 * URL the tests find in COURSE_POSTGRES_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCatalog } from "../../tools/exercises/catalog.ts";
import { syncStarters } from "../../tools/exercises/starter-files.ts";
import { gradeSubmission } from "../../tools/grade/grade-submission.ts";
import { skipWithoutPostgres } from "../../src/testing/postgres-server.ts";
import { createFixtureCourse, type FixtureCourse } from "./fixture-course.ts";

let course: FixtureCourse | undefined;

/** An exercise of the fixture course that asks the grader's PostgreSQL a question. */
const files: Record<string, string> = {
  "exercises/03-databases/exercise.json": JSON.stringify({
    title: "Counting databases",
    chapter: 2,
    files: ["databases.ts"],
    postgres: true,
    tests: { "counts the databases on the grader's server": 1 },
  }),
  "exercises/03-databases/README.md": "# 03 · Counting databases\n\nWrite `countDatabases` in `databases.ts`.\n",
  "exercises/03-databases/databases.test.ts": [
    `import pg from "pg";`,
    `import { expect, it } from "vitest";`,
    `import { COUNT_DATABASES } from "./databases.ts";`,
    `it("counts the databases on the grader's server", async () => {`,
    `  const client = new pg.Client(process.env["COURSE_POSTGRES_URL"] ?? "postgres://nowhere.invalid/none");`,
    `  await client.connect();`,
    `  try {`,
    `    expect(Number((await client.query(COUNT_DATABASES)).rows[0].count)).toBeGreaterThanOrEqual(3);`,
    `  } finally {`,
    `    await client.end();`,
    `  }`,
    `});`,
  ].join("\n") + "\n",
  "solutions/03-databases/databases.ts": [
    `/** A statement that counts the server's databases. */`,
    `export const COUNT_DATABASES =`,
    `  // BEGIN SOLUTION`,
    `  "SELECT count(*) FROM pg_database";`,
    `  // STARTER`,
    `  // "SELECT 0 AS count";`,
    `  // END SOLUTION`,
  ].join("\n") + "\n",
};

describe.skipIf(skipWithoutPostgres())("an exercise whose tests need PostgreSQL", { timeout: 60_000 }, () => {
  beforeAll(async () => {
    course = await createFixtureCourse();
    for (const [file, text] of Object.entries(files)) await course.write(file, text);
    await syncStarters(course, await readCatalog(course), false);
  });
  afterAll(() => course?.dispose());

  it("has its tests find the one server the grader started for the batch in COURSE_POSTGRES_URL", async () => {
    const exercises = await readCatalog(course!);
    const grade = await gradeSubmission(course!.solutionsDir, { layout: course!, exercises, withHidden: true, jobs: 2 });
    expect(grade.exercises.map(({ id, feedback }) => ({ id, feedback }))).toEqual(exercises.map(({ id }) => ({ id, feedback: [] })));
    expect(grade.score).toBe(grade.max);
  });
});
