/**
 * The book's shape, held to the limits of a chapter of one sitting (`BOOK_LIMITS`): measured on
 * the chapter files a student reads, as `npm run book` prints them.
 */
import { describe, expect, it } from "vitest";
import { BOOK_LIMITS, measureBook, testShare } from "../../tools/literate/book-measures.ts";
import { readChapters } from "../../tools/literate/chapters.ts";
import { courseLayout, readExercises } from "../../tools/exercises/catalog.ts";

const root = process.cwd();
const chapters = await readChapters(root);
const measures = measureBook(chapters);
const exercises = await readExercises(courseLayout(root));

describe("the book", () => {
  it.each(measures)("$file is one sitting: at most 1,200 lines", ({ lines }) => {
    expect(lines).toBeLessThanOrEqual(BOOK_LIMITS.chapterLines);
  });

  it.each(measures)("$file keeps most of its tests beside it: at most 35% of its code", (chapter) => {
    expect(testShare([chapter])).toBeLessThanOrEqual(BOOK_LIMITS.chapterTestShare);
  });

  it("keeps most tests beside the chapters: at most 20% of the code they show", () => {
    expect(testShare(measures)).toBeLessThanOrEqual(BOOK_LIMITS.courseTestShare);
  });

  it("shows revisions as changes, re-printing at most 700 lines across the course", () => {
    expect(measures.reduce((sum, chapter) => sum + chapter.replaceLines, 0)).toBeLessThanOrEqual(BOOK_LIMITS.replaceLines);
  });

  it("has at least seven pictures", () => {
    expect(measures.reduce((sum, chapter) => sum + chapter.diagrams, 0)).toBeGreaterThanOrEqual(BOOK_LIMITS.diagrams);
  });

  it.each(measures)("$file has code no wider than 100 columns, so the site shows it whole", ({ widestCode }) => {
    expect(widestCode).toBeLessThanOrEqual(BOOK_LIMITS.codeColumns);
  });

  it.each(measures)("$file opens by naming the piece of the original it takes up", ({ namesTheOriginal }) => {
    expect(namesTheOriginal).toBe(true);
  });

  it.each(chapters)("$file links each of its exercises", (chapter) => {
    const own = exercises.filter((exercise) => exercise.chapter === chapter.number);
    const unlinked = own.filter((exercise) => !chapter.text.includes(`exercises/${exercise.id}/`));
    expect(unlinked.map((exercise) => exercise.id)).toEqual([]);
  });
});
