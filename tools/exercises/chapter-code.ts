import { readChapters } from "../literate/chapters.ts";
import { writeSnapshots } from "../tangle/course.ts";
import { tangleOrThrow, type Snapshot } from "../tangle/tangle.ts";

/**
 * The code as of each chapter of the course at `root`, which its exercises import
 * (`#chapter-06/...`): tangled from the chapters themselves (a tenth of a second), so it is never
 * a stale `build/`. Rejects, listing the problems, when the chapters do not tangle.
 */
export async function chapterSnapshots(root: string): Promise<Snapshot[]> {
  return tangleOrThrow(await readChapters(root));
}

/**
 * Writes the code as of each chapter to `build/chapters/NN-slug/src/`, where package.json's
 * `"imports"` send an exercise's `#chapter-NN/...`: for the student's editor, which reads the disk.
 */
export async function writeChapterCode(root: string): Promise<void> {
  await writeSnapshots(root, await chapterSnapshots(root));
}
