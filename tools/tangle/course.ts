import path from "node:path";
import { readChapters } from "../literate/chapters.ts";
import { tangle, type Snapshot, type TangleResult } from "./tangle.ts";
import { compareTree, writeTree, type TreeChanges, type TreeDifferences } from "./write-tree.ts";

/** Where snapshot N is written, relative to the repository root. */
export function snapshotDir(snapshot: Snapshot): string {
  return path.posix.join("build", "chapters", snapshot.chapter.slug);
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
