/** `npm run exercise -- list`: every exercise, with its chapter, its status and its title. */
import type { ExerciseGrade } from "../../grade/scoring.ts";
import type { CourseLayout, GradedExercise } from "../catalog.ts";
import { checkStarted } from "../self-check.ts";

/** Prints every exercise's status, in aligned columns; the started ones are checked together. */
export async function listCommand(layout: CourseLayout, catalog: readonly GradedExercise[]): Promise<number> {
  const grades = await checkStarted(layout, catalog);
  const width = Math.max(...catalog.map((exercise) => exercise.id.length));
  const chapterWidth = Math.max(...catalog.map((exercise) => `ch ${exercise.chapter}`.length));
  for (const exercise of catalog) {
    const chapter = `ch ${exercise.chapter}`.padEnd(chapterWidth);
    console.log(`${exercise.id.padEnd(width)}  ${chapter}  ${statusOf(grades.get(exercise.id)).padEnd(22)}  ${exercise.title}`);
  }
  return 0;
}

/** "not started" (no grade), "passing", or "failing" with the score and any problem. */
function statusOf(grade: ExerciseGrade | undefined): string {
  if (grade === undefined) return "not started";
  if (grade.score === grade.max) return "passing";
  return `failing (${grade.score}/${grade.max}${grade.problem ? `, ${grade.problem.replace("-", " ")}` : ""})`;
}
