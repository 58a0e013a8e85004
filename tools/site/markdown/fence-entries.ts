/**
 * Matches the fences markdown-it reads in a chapter with the tangler's reading of them (the
 * cross-reference index), and keeps each fence's index entry on its token until the fence is
 * rendered. The two readings must agree fence for fence: a mismatch stops the build.
 */
import type { StateCore, Token } from "markdown-it";
import type { IndexedFence } from "../../literate/cross-references.ts";
import type { ChapterPage, CourseSite } from "../course-site.ts";

/** Attaches to each fence token of a chapter its index entry; returns the entries. */
export function attachIndexEntries(state: StateCore, site: CourseSite, page: ChapterPage): readonly IndexedFence[] {
  const entries = site.index.fencesOf(page.chapter.file);
  const fences = state.tokens.filter((token) => token.type === "fence");
  fences.forEach((token, ordinal) => {
    const entry = entries[ordinal];
    if (entry === undefined || entry.fence.code !== token.content) {
      throw new Error(`${page.chapter.file}:${(token.map?.[0] ?? 0) + 1}: the site and the tangler read this chapter's fences differently`);
    }
    token.meta = { ...(token.meta as object | null), literate: entry };
  });
  return entries;
}

/** The index entry {@link attachIndexEntries} gave a fence token, if it gave one. */
export function indexEntryOf(token: Token): IndexedFence | undefined {
  return (token.meta as { literate?: IndexedFence } | null)?.literate;
}
