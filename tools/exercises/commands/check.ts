/** `npm run exercise -- check ID`: checks the student's files as the grader will, without its hidden tests. */
import type { CourseLayout, GradedExercise } from "../catalog.ts";
import { checkInPlace, formatCheck } from "../self-check.ts";

/** Prints the check of one exercise; the status is 0 when every test passes, else 1. */
export async function checkCommand(layout: CourseLayout, exercise: GradedExercise): Promise<number> {
  const grade = await checkInPlace(layout, exercise);
  console.log(formatCheck(exercise, grade));
  return grade.score === grade.max ? 0 : 1;
}
