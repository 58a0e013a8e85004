import path from "node:path";
import { readChapters, type Chapter } from "../literate/chapters.ts";
import { tangle, type Snapshot, type TangleResult } from "./tangle.ts";
import { compareTree, writeTree, type TreeChanges, type TreeDifferences } from "./write-tree.ts";

/** Where snapshot N is written, relative to the repository root. */
export function snapshotDir(snapshot: { readonly chapter: Chapter }): string {
  return path.posix.join("build", "chapters", snapshot.chapter.slug);
}

/** The pattern under which exercises import the code as of `chapter`: `#chapter-06/*` for chapter 6. */
export function chapterAlias(chapter: Chapter): string {
  return `#chapter-${String(chapter.number).padStart(2, "0")}/*`;
}

/**
 * package.json's `"imports"` for these chapters: each chapter's alias mapped to its snapshot's
 * `src/`, so that `import ... from "#chapter-06/server/car.ts"` is the code as of chapter 6.
 */
export function chapterImports(chapters: readonly Chapter[]): Record<string, string> {
  return Object.fromEntries(chapters.map((chapter) => [chapterAlias(chapter), `./${snapshotDir({ chapter })}/src/*`]));
}

/** Reads and tangles the chapters of the course rooted at `root`. */
export async function tangleCourse(root: string): Promise<TangleResult> {
  return tangle(await readChapters(root));
}

function contents(snapshot: Snapshot, prefix = ""): Map<string, string> {
  return new Map([...snapshot.files.values()].map((file) => [path.posix.join(prefix, file.path), file.content]));
}

/** Writes every snapshot to `build/chapters/NN-slug/src`, touching only changed files. */
export async function writeSnapshots(root: string, snapshots: readonly Snapshot[]): Promise<TreeChanges[]> {
  const changes: TreeChanges[] = [];
  for (const snapshot of snapshots) {
    const dir = snapshotDir(snapshot);
    changes.push(await writeTree(root, `${dir}/src`, contents(snapshot, dir)));
  }
  return changes;
}

/** Writes the last snapshot to `src/`, the committed code of the complete system. */
export async function writeSource(root: string, last: Snapshot): Promise<TreeChanges> {
  return writeTree(root, "src", contents(last));
}

/** Compares `src/` with the last snapshot. */
export async function checkSource(root: string, last: Snapshot | undefined): Promise<TreeDifferences> {
  return compareTree(root, "src", last === undefined ? new Map() : contents(last));
}

/**
 * Tangles the chapters and writes every snapshot to build/chapters/, as `npm run tangle` and
 * `npm test` begin; when the chapters have problems, nothing is written.
 */
export async function tangleIntoBuild(root: string): Promise<TangleResult> {
  const tangled = await tangleCourse(root);
  if (tangled.errors.length === 0) await writeSnapshots(root, tangled.snapshots);
  return tangled;
}

/** What {@link checkTangle} found. */
export interface TangleCheck extends TangleResult {
  /** How src/ differs from the last snapshot; undefined when the chapters have problems (nothing was compared). */
  readonly source: TreeDifferences | undefined;
}

/**
 * The tangle check, which `npm run tangle -- --check` makes and `npm test` starts with: the
 * chapters tangle (their snapshots are written to build/chapters/), and src/ is the last snapshot.
 */
export async function checkTangle(root: string): Promise<TangleCheck> {
  const tangled = await tangleIntoBuild(root);
  if (tangled.errors.length > 0) return { ...tangled, source: undefined };
  return { ...tangled, source: await checkSource(root, tangled.snapshots.at(-1)) };
}
