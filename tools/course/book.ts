/**
 * `npm run book`: the shape of the book, one row per chapter (lines, prose words, code shown, its
 * test share, diagrams, lines in revisions, widest code line), as Markdown.
 */
import { readChapters } from "../literate/chapters.ts";
import { formatMeasures, measureChapter } from "../literate/book-measures.ts";
import { tangleOrThrow } from "../tangle/tangle.ts";

const chapters = await readChapters(process.cwd());
const snapshots = tangleOrThrow(chapters);
const measures = chapters.flatMap((chapter, index) => {
  const snapshot = snapshots[index];
  return snapshot === undefined ? [] : [measureChapter(chapter, snapshot)];
});
console.log(formatMeasures(measures));
