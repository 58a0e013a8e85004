/**
 * Exercises are pinned to the code of their chapter: the grader builds each exercise against the
 * chapters up to its own, so a later chapter can neither break it nor hand over its answer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCatalog, type GradedExercise } from "../../tools/exercises/catalog.ts";
import { chapterSnapshots } from "../../tools/exercises/chapter-code.ts";
import { gradeExercise } from "../../tools/grade/grade-exercise.ts";
import { createFixtureCourse, greetingChapter, type FixtureCourse } from "./fixture-course.ts";

let course: FixtureCourse;
let greet: GradedExercise;

beforeAll(async () => {
  course = await createFixtureCourse();
  greet = (await readCatalog(course)).find((exercise) => exercise.id === "02-greet") as GradedExercise;
});
afterAll(() => course.dispose());

/** The solution of 02-greet (set in chapter 2, it greets with chapter 1's GREETING), graded as the grader does. */
async function gradeGreet() {
  const { score, max, feedback } = await gradeExercise({ layout: course, exercise: greet, submissionDir: course.solutionsDir, withHidden: true });
  return { score, max, feedback };
}

/** The greeting in the complete system: the last chapter's `src/greeting.ts`. */
async function finalGreeting(): Promise<string | undefined> {
  return (await chapterSnapshots(course.root)).at(-1)?.files.get("src/greeting.ts")?.content;
}

describe("an exercise pinned to its chapter", { timeout: 60_000 }, () => {
  it("keeps its grade when a later chapter changes the code it uses, and follows a change to its own chapter's code", async () => {
    const before = await gradeGreet();
    expect(before).toMatchObject({ score: 2, max: 2 });

    await course.write("chapters/03-farewell.md", greetingChapter("Saying goodbye", "Goodbye", true));
    expect(await finalGreeting()).toContain(`"Goodbye"`);
    expect(await gradeGreet()).toEqual(before);

    await course.write("chapters/02-greet.md", greetingChapter("Greeting people", "Hi", true));
    const after = await gradeGreet();
    expect(after.score).toBe(0);
    expect(after.feedback.join("\n")).toContain(`expected 'Hi, Ada!' to be 'Hello, Ada!'`);
  });
});
