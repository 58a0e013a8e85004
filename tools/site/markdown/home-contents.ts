/** The home page's table of contents: every chapter with its code, its changes and its exercises. */
import type { StateCore } from "markdown-it";
import type { CourseSite } from "../course-site.ts";
import { escapeHtml, htmlBlock, htmlLink } from "./html.ts";

/** Marks the home page's place for the generated table of contents. */
export const CONTENTS_MARKER = "<!-- course-contents -->";

/** Replaces the page's {@link CONTENTS_MARKER} with the table of contents, if the page has one. */
export function insertContents(state: StateCore, site: CourseSite): void {
  const at = state.tokens.findIndex((token) => token.type === "html_block" && token.content.trim() === CONTENTS_MARKER);
  if (at < 0) return;
  state.tokens.splice(at, 1, htmlBlock(state, contentsTable(site)));
}

/** The chapters as a numbered list, each with its code and changes, and its exercises below it. */
function contentsTable(site: CourseSite): string {
  if (site.chapters.length === 0) return "<p>No chapters yet.</p>\n";
  const items = site.chapters.map((page) => {
    const exercises = page.exercises.map((exercise) => `<li>Exercise ${htmlLink(exercise.link, escapeHtml(exercise.title))}</li>`);
    return `<li value="${page.chapter.number}">${htmlLink(page.link, escapeHtml(page.title))}`
      + ` <span class="literate-contents-code">(${htmlLink(page.codeLink, "code")} · ${htmlLink(page.changesLink, "changes")})</span>`
      + (exercises.length > 0 ? `<ul>${exercises.join("")}</ul>` : "")
      + "</li>";
  });
  return `<ol class="literate-contents">${items.join("")}</ol>\n`;
}
