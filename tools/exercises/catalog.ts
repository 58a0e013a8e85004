import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** The folder name of an exercise: two digits, a dash, a slug (`01-version-byte`). */
export const EXERCISE_ID = /^\d{2}-[a-z0-9-]+$/;

/** Points for each test, keyed by the test's full name (`describe > it`). */
export type PointsTable = Readonly<Record<string, number>>;

/** An exercise as its `exercise.json` describes it. */
export interface Exercise {
  /** The folder name, `NN-slug`. */
  readonly id: string;
  readonly title: string;
  /** The chapter whose point the exercise practises. */
  readonly chapter: number;
  /** The files the student edits, relative to the exercise folder: the only files taken from a submission. */
  readonly files: readonly string[];
  /** Points for each official test. */
  readonly tests: PointsTable;
  /** The wall-clock limit for type-checking and running the tests, in seconds. */
  readonly timeLimitSeconds: number;
  /**
   * Its tests need PostgreSQL: the grader starts one server for all the exercises it runs at once
   * and tells the tests where it is (see `tools/grade/shared-postgres.ts`).
   */
  readonly postgres?: boolean | undefined;
}

/** An exercise with its hidden tests, which only the instructor's copy of the course has. */
export interface GradedExercise extends Exercise {
  /** Points for each hidden test; empty when there are none (or no `solutions/`). */
  readonly hiddenTests: PointsTable;
  /** The folder holding the hidden test files, or undefined. */
  readonly hiddenDir: string | undefined;
}

/** The default time limit for one exercise, in seconds. */
export const DEFAULT_TIME_LIMIT_SECONDS = 30;

/** Where the parts of a course live. */
export interface CourseLayout {
  /** The course's root folder (with `src/`, `exercises/`, `node_modules/`). */
  readonly root: string;
  readonly exercisesDir: string;
  readonly solutionsDir: string;
}

/** The standard layout of a course rooted at `root`. */
export function courseLayout(root: string): CourseLayout {
  return { root, exercisesDir: path.join(root, "exercises"), solutionsDir: path.join(root, "solutions") };
}

/** Reads every exercise of the course, in order, with its hidden tests when `solutions/` has them. */
export async function readCatalog(layout: CourseLayout): Promise<GradedExercise[]> {
  return Promise.all((await exerciseIds(layout)).map((id) => readExercise(layout, id)));
}

/**
 * Reads every exercise's `exercise.json`, in order, without the hidden tests (the site's reading:
 * what a student's copy of the course holds). A broken `exercise.json` is an error that names it.
 */
export async function readExercises(layout: CourseLayout): Promise<Exercise[]> {
  return Promise.all((await exerciseIds(layout)).map((id) => readExerciseJson(layout, id)));
}

/** The exercises' folder names, `NN-slug`, in order. */
async function exerciseIds(layout: CourseLayout): Promise<string[]> {
  const names = await readdir(layout.exercisesDir).catch(() => []);
  return names.filter((name) => EXERCISE_ID.test(name)).sort();
}

/** The exercise `id` names: its folder name (`01-version-byte`), its number (`1`) or its slug (`version-byte`). */
export function findExercise<T extends Exercise>(catalog: readonly T[], id: string): T | undefined {
  return catalog.find((exercise) =>
    exercise.id === id || exercise.id.slice(3) === id || (/^\d+$/.test(id) && Number(exercise.id.slice(0, 2)) === Number(id)));
}

/** Reads one exercise's metadata and its hidden tests' points. */
export async function readExercise(layout: CourseLayout, id: string): Promise<GradedExercise> {
  const exercise = await readExerciseJson(layout, id);
  const hiddenDir = path.join(layout.solutionsDir, id, "hidden");
  const hiddenFile = path.join(hiddenDir, "tests.json");
  const hidden = await readFile(hiddenFile, "utf8").then((text) => parsePoints(parseJson(text, hiddenFile), hiddenFile), () => undefined);
  return { ...exercise, hiddenTests: hidden ?? {}, hiddenDir: hidden ? hiddenDir : undefined };
}

/** Reads and checks one exercise's `exercise.json`. */
async function readExerciseJson(layout: CourseLayout, id: string): Promise<Exercise> {
  const file = path.join(layout.exercisesDir, id, "exercise.json");
  return parseExercise(id, parseJson(await readFile(file, "utf8"), file), file);
}

/** The JSON value of a file's text; a syntax error names the file. */
function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw error instanceof SyntaxError ? new Error(`${file}: ${error.message}`) : error;
  }
}

/** Checks the shape of an `exercise.json`, naming the file and field when it is wrong. */
export function parseExercise(id: string, value: unknown, file: string): Exercise {
  const json = asRecord(value, file);
  const title = json["title"];
  const chapter = json["chapter"];
  const files = json["files"];
  const limit = json["timeLimitSeconds"] ?? DEFAULT_TIME_LIMIT_SECONDS;
  const postgres = json["postgres"] ?? false;
  if (typeof title !== "string" || title === "") throw new Error(`${file}: "title" must be a non-empty string`);
  if (typeof chapter !== "number" || !Number.isInteger(chapter)) throw new Error(`${file}: "chapter" must be a whole number`);
  if (!Array.isArray(files) || files.length === 0 || !files.every(isPlainFileName)) {
    throw new Error(`${file}: "files" must list the file names the student edits (no folders)`);
  }
  if (typeof limit !== "number" || !(limit > 0)) throw new Error(`${file}: "timeLimitSeconds" must be a positive number`);
  if (typeof postgres !== "boolean") throw new Error(`${file}: "postgres" must be true or false`);
  return { id, title, chapter, files, tests: parsePoints(json["tests"], file), timeLimitSeconds: limit, postgres };
}

function parsePoints(value: unknown, file: string): PointsTable {
  const table = asRecord(value, `${file}: "tests"`);
  for (const [name, points] of Object.entries(table)) {
    if (typeof points !== "number" || !Number.isInteger(points) || points < 0) {
      throw new Error(`${file}: the points of "${name}" must be a whole number`);
    }
  }
  if (Object.keys(table).length === 0) throw new Error(`${file}: "tests" lists no tests`);
  return table as PointsTable;
}

function asRecord(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error(`${where} must be a JSON object`);
  return value as Record<string, unknown>;
}

function isPlainFileName(name: unknown): name is string {
  return typeof name === "string" && name !== "" && !name.includes("/") && !name.includes("\\") && !name.startsWith(".");
}

/**
 * The one of `chapters` that `exercise` is set in; an error naming its `exercise.json` when the
 * course has no such chapter.
 */
export function chapterOf<T extends { readonly number: number }>(layout: CourseLayout, exercise: Exercise, chapters: readonly T[]): T {
  const found = chapters.find((chapter) => chapter.number === exercise.chapter);
  if (found !== undefined) return found;
  const numbers = chapters.map((chapter) => chapter.number).join(", ");
  throw new Error(`${path.join(layout.exercisesDir, exercise.id, "exercise.json")}: there is no chapter ${exercise.chapter} (the chapters are ${numbers})`);
}
