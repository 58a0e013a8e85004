import { copyFile, cp, lstat, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { CourseLayout, GradedExercise } from "../exercises/catalog.ts";

/** A fresh folder in which one exercise is type-checked and tested, away from the submission. */
export interface Workspace {
  /** The workspace's root: `src/`, `exercises/ID/`, `tsconfig.json`, `node_modules` (a link). */
  readonly root: string;
  /** `exercises/ID`, relative to the root. */
  readonly exerciseDir: string;
  /** Files the submission should have had and did not. */
  readonly missing: readonly string[];
  /** Removes the workspace. */
  dispose(): Promise<void>;
}

/** What goes into a workspace. */
export interface WorkspaceRequest {
  readonly layout: CourseLayout;
  readonly exercise: GradedExercise;
  /** The submission's copy of `exercises/`: only the exercise's editable files are taken from it. */
  readonly submissionDir: string;
  readonly withHidden: boolean;
}

/**
 * Builds the workspace: the course's `src/` (without its tests), the exercise's official files
 * from the course (tests, README, metadata), the hidden tests if asked for, and from the
 * submission only the files `exercise.json` lists as the student's. Nothing else from the
 * submission is read, so a rewritten test or a changed `exercise.json` there changes nothing.
 */
export async function createWorkspace({ layout, exercise, submissionDir, withHidden }: WorkspaceRequest): Promise<Workspace> {
  const root = await mkdtemp(path.join(os.tmpdir(), `grade-${exercise.id}-`));
  const exerciseDir = path.posix.join("exercises", exercise.id);
  const target = path.join(root, exerciseDir);
  await writeFile(path.join(root, "package.json"), JSON.stringify({ private: true, type: "module" }) + "\n");
  await symlink(path.join(layout.root, "node_modules"), path.join(root, "node_modules"), "dir");
  await writeFile(path.join(root, "tsconfig.json"), JSON.stringify({
    extends: path.join(layout.root, "tsconfig.base.json"),
    include: [exerciseDir],
  }) + "\n");
  await cp(path.join(layout.root, "src"), path.join(root, "src"), {
    recursive: true,
    filter: (source) => !source.endsWith(".test.ts"),
  });
  const editable = new Set(exercise.files);
  await cp(path.join(layout.exercisesDir, exercise.id), target, {
    recursive: true,
    filter: (source) => !editable.has(path.relative(path.join(layout.exercisesDir, exercise.id), source)),
  });
  const missing: string[] = [];
  for (const file of exercise.files) {
    const source = path.join(submissionDir, exercise.id, file);
    // A link could point at anything the grader can read, the solutions included: only plain files count.
    const isFile = await lstat(source).then((stats) => stats.isFile(), () => false);
    if (isFile) await copyFile(source, path.join(target, file));
    else missing.push(file);
  }
  if (withHidden && exercise.hiddenDir !== undefined) await copyHiddenTests(exercise.hiddenDir, path.join(target, "hidden"));
  return { root, exerciseDir, missing, dispose: () => rm(root, { recursive: true, force: true }) };
}

async function copyHiddenTests(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const name of await readdir(from)) {
    if (name.endsWith(".ts")) await cp(path.join(from, name), path.join(to, name));
  }
}
