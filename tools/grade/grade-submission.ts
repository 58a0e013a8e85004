import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { CourseLayout, GradedExercise } from "../exercises/catalog.ts";
import type { PairRequest } from "./batch-workspace.ts";
import type { ExerciseGrade } from "./scoring.ts";
import { gradeBatch } from "./grade-batch.ts";
import { gradeExercise } from "./grade-exercise.ts";
import { mapConcurrently } from "./map-concurrently.ts";

/** A submission's grade: the JSON the grader writes. */
export interface SubmissionGrade {
  readonly score: number;
  readonly max: number;
  readonly exercises: readonly ExerciseGrade[];
}

/** A student's grade in a class. */
export interface StudentGrade extends SubmissionGrade {
  readonly student: string;
}

/** How to grade. */
export interface GradingOptions {
  readonly layout: CourseLayout;
  /** The exercises to grade, from the course (never from the submission). */
  readonly exercises: readonly GradedExercise[];
  readonly withHidden: boolean;
  /**
   * How many processes run at once: batches side by side, each with `jobs / batches` vitest
   * workers, or one batch with `jobs` workers.
   */
  readonly jobs: number;
  /** The most exercises graded in one batch (one tsc, one vitest); default {@link BATCH_SIZE}. */
  readonly batchSize?: number | undefined;
  readonly timeLimitSeconds?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  /**
   * Grade a timed-out exercise once more, alone, after the others: a machine busy with other work
   * should not cost a student points. Only a second timeout loses the exercise. Default true.
   */
  readonly retryTimeouts?: boolean | undefined;
  /** Called as each exercise is graded (as each batch ends), for progress output. */
  readonly onGraded?: ((grade: ExerciseGrade, student: string | undefined) => void) | undefined;
}

/** Grades one copy of `exercises/`, in one batch (or a few, for more than `batchSize` exercises). */
export async function gradeSubmission(submissionDir: string, options: GradingOptions, student?: string): Promise<SubmissionGrade> {
  const work = options.exercises.map((exercise) => ({ student, exercise, submissionDir, withHidden: options.withHidden }));
  return summarise(await gradeAll(work, options));
}

/** One exercise of one submission to grade. */
interface Work extends PairRequest {
  readonly student: string | undefined;
}

/**
 * The most exercises graded in one batch by default: enough that tsc and vitest start seldom (a
 * student's ten exercises are one batch), few enough that a class of 30 students with 10
 * exercises each is 6 batches, `jobs` of them side by side.
 */
export const BATCH_SIZE = 50;

/** Grades every piece of work in batches, `jobs` processes at once, then the timed-out ones again one at a time. */
async function gradeAll(work: readonly Work[], options: GradingOptions): Promise<ExerciseGrade[]> {
  const batches = splitEvenly(work, options.batchSize ?? BATCH_SIZE);
  const side = Math.max(1, Math.min(options.jobs, batches.length));
  const workers = Math.max(1, Math.floor(options.jobs / side));
  const graded = await mapConcurrently(batches, side, async (batch) => {
    const grades = await gradeBatch(batch, { ...options, workers });
    grades.forEach((grade, index) => options.onGraded?.(grade, batch[index]?.student));
    return grades;
  });
  const grades = graded.flat();
  if (options.retryTimeouts === false) return grades;
  for (const [index, grade] of grades.entries()) {
    const piece = work[index];
    if (grade.problem !== "timeout" || piece === undefined) continue;
    const again = await gradeExercise({ ...options, ...piece });
    options.onGraded?.(again, piece.student);
    grades[index] = again.problem === "timeout"
      ? { ...again, feedback: again.feedback.map((line) => line.replace(/^stopped after (\S+) s/, "stopped after $1 s, twice")) }
      : again;
  }
  return grades;
}

/** Splits the items, in order, into as few parts of at most `size` as can be, of sizes as equal as can be. */
function splitEvenly<T>(items: readonly T[], size: number): T[][] {
  const parts = Math.ceil(items.length / Math.max(1, size));
  const each = Math.ceil(items.length / Math.max(1, parts));
  return Array.from({ length: parts }, (_, part) => items.slice(part * each, (part + 1) * each));
}

/** Adds up the exercises' scores. */
export function summarise(exercises: readonly ExerciseGrade[]): SubmissionGrade {
  const score = exercises.reduce((sum, grade) => sum + grade.score, 0);
  const max = exercises.reduce((sum, grade) => sum + grade.max, 0);
  return { score, max, exercises };
}

/**
 * Grades a class: one subfolder per student, each a copy of `exercises/` or a copy of the course
 * (with an `exercises/` folder inside), with {@link gradeSubmissions}.
 */
export async function gradeClass(classDir: string, options: GradingOptions): Promise<StudentGrade[]> {
  const students = await studentFolders(classDir);
  const dirs = await Promise.all(students.map((student) => submissionFolder(path.join(classDir, student))));
  return gradeSubmissions(students.map((student, index) => ({ student, dir: dirs[index] ?? classDir })), options);
}

/** A student's copy of `exercises/`. */
export interface Submission {
  readonly student: string;
  readonly dir: string;
}

/**
 * Grades several submissions together: every student's every exercise goes into one queue, cut
 * into batches of at most `batchSize`, so a class costs one tsc and one vitest per batch.
 */
export async function gradeSubmissions(submissions: readonly Submission[], options: GradingOptions): Promise<StudentGrade[]> {
  const { exercises, withHidden } = options;
  const work = submissions.flatMap(({ student, dir }) => exercises.map((exercise) => ({ student, exercise, submissionDir: dir, withHidden })));
  const grades = await gradeAll(work, options);
  return submissions.map(({ student }, index) => ({
    student,
    ...summarise(grades.slice(index * exercises.length, (index + 1) * exercises.length)),
  }));
}

/**
 * Tells a submission from a class: a folder with an exercise's folder in it (or an `exercises/`
 * folder) is one submission; any other folder is a class of students.
 */
export async function isClassFolder(dir: string, exercises: readonly GradedExercise[]): Promise<boolean> {
  const names = new Set(await readdir(dir));
  return !names.has("exercises") && !exercises.some((exercise) => names.has(exercise.id));
}

/** The submission folder within `dir`: `dir/exercises` for a copy of the whole course, else `dir`. */
export async function submissionFolder(dir: string): Promise<string> {
  return (await isDirectory(path.join(dir, "exercises"))) ? path.join(dir, "exercises") : dir;
}

async function studentFolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory() && !entry.name.startsWith(".")).map((entry) => entry.name).sort();
}

async function isDirectory(dir: string): Promise<boolean> {
  return stat(dir).then((stats) => stats.isDirectory(), () => false);
}
