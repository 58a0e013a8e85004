/** The links an exercise's page gets under its title: its chapter, and the code as of that chapter. */
import type { StateCore } from "markdown-it";
import type { CourseSite, ExercisePage } from "../course-site.ts";
import { escapeHtml, htmlLink, insertUnderTitle } from "./html.ts";

/** Puts a link to the exercise's chapter, and to the code as of it, under the exercise's title. */
export function addExerciseLinks(state: StateCore, site: CourseSite, exercise: ExercisePage): void {
  const page = site.chapters.find((candidate) => candidate.chapter.number === exercise.chapterNumber);
  if (page === undefined) return;
  const text = `An exercise for ${htmlLink(page.link, `chapter ${page.chapter.number}, ${escapeHtml(page.title)}`)}`
    + ` · ${htmlLink(page.codeLink, "the code as of that chapter")}`;
  insertUnderTitle(state, `<p class="literate-chapter-links">${text}</p>\n`);
}
