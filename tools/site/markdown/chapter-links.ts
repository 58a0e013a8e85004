/**
 * The links a chapter's page gets around its text: under its title, to the code as of the
 * chapter, to what the chapter changed and to its exercises; at its end, the list of its exercises.
 */
import type { StateCore } from "markdown-it";
import type { ChapterPage, CourseSite } from "../course-site.ts";
import { escapeHtml, htmlBlock, insertUnderTitle } from "./html.ts";

/** A chapter's own "Exercises" section, which links its exercises in its words. */
const OWN_EXERCISES = /^## Exercises\s*$/m;

/**
 * Adds the chapter's links under its title and, when it has exercises but no section of its own
 * that names them, their list at its end.
 */
export function addChapterLinks(state: StateCore, site: CourseSite, page: ChapterPage): void {
  insertUnderTitle(state, chapterLinks(site, page));
  if (page.exercises.length > 0 && !OWN_EXERCISES.test(page.chapter.text)) state.tokens.push(htmlBlock(state, exercisesSection(page)));
}

/** The line under the title: the code, the changes (or the files a first chapter starts), the exercises. */
function chapterLinks(site: CourseSite, page: ChapterPage): string {
  const previous = site.chapters[site.chapters.indexOf(page) - 1];
  const links = [
    `<a href="${page.codeLink}">The code as of this chapter</a>`,
    previous === undefined
      ? `<a href="${page.changesLink}">The files this chapter starts</a>`
      : `<a href="${page.changesLink}">What changed since chapter ${previous.chapter.number}</a>`,
  ];
  if (page.exercises.length > 0) {
    const section = OWN_EXERCISES.test(page.chapter.text) ? "#exercises" : "#course-exercises";
    links.push(`<a href="${section}">Exercises (${page.exercises.length})</a>`);
  }
  return `<p class="literate-chapter-links">${links.join(" · ")}</p>\n`;
}

/** The "Exercises" section: a heading with an anchor, as VitePress writes them, and a link to each. */
function exercisesSection(page: ChapterPage): string {
  const items = page.exercises.map((exercise) => `<li><a href="${exercise.link}">${escapeHtml(exercise.title)}</a></li>`);
  return [
    `<h2 id="course-exercises" tabindex="-1">Exercises <a class="header-anchor" href="#course-exercises" aria-label="Permalink to &quot;Exercises&quot;">&#8203;</a></h2>`,
    `<ul>${items.join("")}</ul>`,
    "",
  ].join("\n");
}
