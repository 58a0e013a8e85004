/**
 * A student checking their own work: the grader run on the files in `exercises/`, in place,
 * without its hidden tests. One exercise for `check` and `watch`, every started one at once for
 * `list`, and the report `check` prints.
 */
import type { ExerciseGrade } from "../grade/scoring.ts";
import { gradeBatch } from "../grade/grade-batch.ts";
import { gradeExercise } from "../grade/grade-exercise.ts";
import type { CourseLayout, GradedExercise } from "./catalog.ts";
import { isUntouched } from "./starter-files.ts";

/** Checks the student's own files of one exercise, in place, without the hidden tests. */
export function checkInPlace(layout: CourseLayout, exercise: GradedExercise, signal?: AbortSignal): Promise<ExerciseGrade> {
  return gradeExercise({ layout, exercise, submissionDir: layout.exercisesDir, withHidden: false, signal });
}

/** Checks every started exercise (one whose files are not the untouched starter), together in one batch; by id. */
export async function checkStarted(layout: CourseLayout, catalog: readonly GradedExercise[]): Promise<Map<string, ExerciseGrade>> {
  const untouched = await Promise.all(catalog.map((exercise) => isUntouched(layout, exercise)));
  const started = catalog.filter((_, index) => !untouched[index]);
  const requests = started.map((exercise) => ({ exercise, submissionDir: layout.exercisesDir, withHidden: false }));
  return new Map((await gradeBatch(requests, { layout, workers: 2 })).map((grade) => [grade.id, grade]));
}

/** What a check says: the exercise, each test with its points (and why it failed), or the problem, then the score. */
export function formatCheck(exercise: GradedExercise, grade: ExerciseGrade): string {
  const lines = [`${exercise.id}: ${exercise.title} (chapter ${exercise.chapter})`];
  if (grade.problem !== undefined) {
    lines.push(...(grade.feedback[0] ?? "").split("\n").map((line) => `  ${line}`));
  } else {
    for (const test of grade.tests) {
      const points = `(${test.points} point${test.points === 1 ? "" : "s"})`;
      lines.push(`  ${test.passed ? "✓" : "✗"} ${test.name} ${points}`);
      if (!test.passed && test.message) lines.push(...test.message.split("\n").map((line) => `      ${line}`));
    }
  }
  const total = grade.passed + grade.failed;
  const verdict = grade.score === grade.max ? "all tests pass" : `${grade.passed} of ${total} tests pass`;
  lines.push(`${grade.score}/${grade.max} points: ${verdict}`);
  return lines.join("\n");
}
