import type { CourseLayout } from "../exercises/catalog.ts";
import type { PairRequest } from "./batch-workspace.ts";
import type { ExerciseGrade } from "./scoring.ts";
import { gradeBatch } from "./grade-batch.ts";

/** How to grade one exercise. */
export interface GradeRequest extends PairRequest {
  readonly layout: CourseLayout;
  /** Overrides the exercise's own time limit, in seconds. */
  readonly timeLimitSeconds?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Grades one exercise in a fresh workspace, as the student loop does: type-checks it with tsc and
 * runs the official (and hidden) tests with vitest, both at once, in child processes that are
 * killed when the time limit passes. Whatever goes wrong, the result is a grade with the reason
 * in its feedback. (A batch of one; {@link gradeBatch} grades many exercises at once.)
 */
export async function gradeExercise(request: GradeRequest): Promise<ExerciseGrade> {
  const [grade] = await gradeBatch([request], { ...request, workers: 1 });
  if (grade === undefined) throw new Error(`no grade for ${request.exercise.id}`);
  return grade;
}
