import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { CourseLayout, GradedExercise } from "../exercises/catalog.ts";
import { gradeExercise, type ExerciseGrade } from "./grade-exercise.ts";
import { mapLimited } from "./map-limited.ts";

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
  /** How many exercises are graded at once. */
  readonly jobs: number;
  readonly timeLimitSeconds?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  /**
   * Grade a timed-out exercise once more, alone, after the others: a machine busy with other work
   * should not cost a student points. Only a second timeout loses the exercise. Default true.
   */
  readonly retryTimeouts?: boolean | undefined;
  /** Called as each exercise is graded, for progress output. */
  readonly onGraded?: ((grade: ExerciseGrade, student: string | undefined) => void) | undefined;
}

/** Grades one copy of `exercises/`. */
export async function gradeSubmission(submissionDir: string, options: GradingOptions, student?: string): Promise<SubmissionGrade> {
  return summarise(await gradeAll(options.exercises.map((exercise) => ({ student, exercise, submissionDir })), options));
}

/** One exercise of one submission to grade. */
interface Work {
  readonly student: string | undefined;
  readonly exercise: GradedExercise;
  readonly submissionDir: string;
}

/** Grades every piece of work, `jobs` at once, then the timed-out ones again one at a time. */
async function gradeAll(work: readonly Work[], options: GradingOptions): Promise<ExerciseGrade[]> {
  const gradeOne = async ({ student, exercise, submissionDir }: Work) => {
    const grade = await gradeExercise({ ...options, exercise, submissionDir });
    options.onGraded?.(grade, student);
    return grade;
  };
  const grades = await mapLimited(work, options.jobs, gradeOne);
  if (options.retryTimeouts === false) return grades;
  for (const [index, grade] of grades.entries()) {
    const piece = work[index];
    if (grade.problem !== "timeout" || piece === undefined) continue;
    const again = await gradeOne(piece);
    grades[index] = again.problem === "timeout"
      ? { ...again, feedback: again.feedback.map((line) => line.replace(/^stopped after (\S+) s/, "stopped after $1 s, twice")) }
      : again;
  }
  return grades;
}

/** Adds up the exercises' scores. */
export function summarise(exercises: readonly ExerciseGrade[]): SubmissionGrade {
  const score = exercises.reduce((sum, grade) => sum + grade.score, 0);
  const max = exercises.reduce((sum, grade) => sum + grade.max, 0);
  return { score, max, exercises };
}

/**
 * Grades a class: one subfolder per student, each a copy of `exercises/` or a copy of the course
 * (with an `exercises/` folder inside). Every student's every exercise goes into one queue, so
 * `jobs` exercises are graded at once whatever the class's size.
 */
export async function gradeClass(classDir: string, options: GradingOptions): Promise<StudentGrade[]> {
  const students = await studentFolders(classDir);
  const submissions = await Promise.all(students.map((student) => submissionFolder(path.join(classDir, student))));
  const work = students.flatMap((student, index) =>
    options.exercises.map((exercise) => ({ student, exercise, submissionDir: submissions[index] ?? classDir })));
  const grades = await gradeAll(work, options);
  return students.map((student) => ({
    student,
    ...summarise(grades.filter((_, index) => work[index]?.student === student)),
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
