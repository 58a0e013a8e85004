/**
 * `npm run book`: the shape of the book, one row per chapter (lines, prose words, code shown, its
 * test share, diagrams, lines in revisions, widest code line), as Markdown.
 */
import { readChapters } from "../literate/chapters.ts";
import { formatMeasures, measureBook } from "../literate/book-measures.ts";

console.log(formatMeasures(measureBook(await readChapters(process.cwd()))));
