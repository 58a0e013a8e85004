import { copyFile, cp, lstat, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chapterOf, type CourseLayout, type Exercise, type GradedExercise } from "../exercises/catalog.ts";
import { chapterSnapshots } from "../exercises/chapter-code.ts";
import { chapterImports, snapshotDir } from "../tangle/course.ts";
import type { Snapshot } from "../tangle/tangle.ts";

/** One exercise of one submission, to grade. */
export interface PairRequest {
  readonly exercise: GradedExercise;
  /** The submission's copy of `exercises/`: only the exercise's editable files are taken from it. */
  readonly submissionDir: string;
  /** Copy the hidden tests in too (the grader does; the student loop cannot). */
  readonly withHidden: boolean;
}

/** One pair in a workspace: the request, and its folder there. */
export interface WorkspacePair extends PairRequest {
  /**
   * `pair-K/ID`, relative to the workspace's root. The exercises import the code of their chapter
   * as `#chapter-NN/...`, which the workspace's package.json maps to its one copy of that
   * chapter's snapshot, so tsc checks each chapter's code once for the whole batch.
   */
  readonly dir: string;
  /** Files the submission should have had and did not. */
  readonly missing: readonly string[];
  /** The pair's test files (official and hidden), relative to the root. */
  readonly testFiles: readonly string[];
}

/** A fresh folder in which a batch of pairs is type-checked and tested, away from the submissions. */
export interface BatchWorkspace {
  /** The root: `package.json`, `tsconfig.json`, `node_modules` (a link), the chapters' code under `build/chapters/`, and the pairs' folders. */
  readonly root: string;
  /** The requests' folders, in the requests' order. */
  readonly pairs: readonly WorkspacePair[];
  /** Removes the workspace. */
  dispose(): Promise<void>;
}

const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;

/**
 * Builds the workspace: the code of each chapter the exercises belong to (without its tests), as
 * the chapters tangle to now, and for each pair the exercise's official files from the course
 * (tests, README, metadata), the hidden tests if asked for, and from the submission only the files
 * `exercise.json` lists as the student's. Nothing else from a submission is read, so a rewritten
 * test or a changed `exercise.json` there changes nothing.
 */
export async function createBatchWorkspace(layout: CourseLayout, requests: readonly PairRequest[]): Promise<BatchWorkspace> {
  const snapshots = await chaptersOf(layout, requests.map((request) => request.exercise));
  const root = await mkdtemp(path.join(os.tmpdir(), requests.length === 1 ? `grade-${requests[0]?.exercise.id}-` : "grade-batch-"));
  const dirs = requests.map((request, index) => path.posix.join(`pair-${index}`, request.exercise.id));
  const imports = chapterImports(snapshots.map((snapshot) => snapshot.chapter));
  await writeFile(path.join(root, "package.json"), JSON.stringify({ private: true, type: "module", imports }) + "\n");
  await symlink(path.join(layout.root, "node_modules"), path.join(root, "node_modules"), "dir");
  await writeTypecheckProject(root, "tsconfig.json", layout, dirs);
  for (const snapshot of snapshots) await writeChapterCode(root, snapshot);
  const pairs = await Promise.all(requests.map((request, index) => addPair(layout, root, dirs[index] ?? "", request)));
  return { root, pairs, dispose: () => rm(root, { recursive: true, force: true }) };
}

/** The snapshots of the chapters that `exercises` belong to; an error naming the exercise whose chapter does not exist. */
async function chaptersOf(layout: CourseLayout, exercises: readonly Exercise[]): Promise<Snapshot[]> {
  const snapshots = await chapterSnapshots(layout.root);
  const chapters = snapshots.map((snapshot) => ({ number: snapshot.chapter.number, snapshot }));
  return [...new Set(exercises.map((exercise) => chapterOf(layout, exercise, chapters).snapshot))];
}

/** Writes a chapter's code, without its tests, where the workspace's package.json maps its alias. */
async function writeChapterCode(root: string, snapshot: Snapshot): Promise<void> {
  for (const file of snapshot.files.values()) {
    if (TEST_FILE.test(file.path)) continue;
    const target = path.join(root, snapshotDir(snapshot), file.path);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.content);
  }
}

/** Writes a tsconfig (at the root, named `name`) that type-checks the given pairs' folders. */
export async function writeTypecheckProject(root: string, name: string, layout: CourseLayout, dirs: readonly string[]): Promise<void> {
  const project = {
    extends: path.join(layout.root, "tsconfig.base.json"),
    // Nothing is emitted, and a "#chapter-NN/..." import cannot have its ".ts" rewritten (exercises/tsconfig.json says the same).
    compilerOptions: { rewriteRelativeImportExtensions: false },
    include: dirs,
  };
  await writeFile(path.join(root, name), JSON.stringify(project) + "\n");
}

async function addPair(layout: CourseLayout, root: string, dir: string, request: PairRequest): Promise<WorkspacePair> {
  const { exercise, submissionDir, withHidden } = request;
  const target = path.join(root, dir);
  const official = path.join(layout.exercisesDir, exercise.id);
  const editable = new Set(exercise.files);
  await cp(official, target, { recursive: true, filter: (source) => !editable.has(path.relative(official, source)) });
  const missing: string[] = [];
  for (const file of exercise.files) {
    const source = path.join(submissionDir, exercise.id, file);
    // A link could point at anything the grader can read, the solutions included: only plain files count.
    const isFile = await lstat(source).then((stats) => stats.isFile(), () => false);
    if (isFile) await copyFile(source, path.join(target, file));
    else missing.push(file);
  }
  if (withHidden && exercise.hiddenDir !== undefined) await copyHiddenTests(exercise.hiddenDir, path.join(target, "hidden"));
  const files = await readdir(target, { recursive: true });
  const testFiles = files.filter((file) => TEST_FILE.test(file)).map((file) => path.posix.join(dir, file.split(path.sep).join("/")));
  return { ...request, dir, missing, testFiles };
}

async function copyHiddenTests(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const name of await readdir(from)) {
    if (name.endsWith(".ts")) await cp(path.join(from, name), path.join(to, name));
  }
}
