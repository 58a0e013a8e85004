/**
 * Matches the fences markdown-it reads in a chapter with the tangler's reading of them (the
 * cross-reference index), and keeps each fence's index entry on its token until the fence is
 * rendered. The two readings must agree fence for fence: a mismatch stops the build.
 */
import type { StateCore, Token } from "markdown-it";
import type { IndexedFence } from "../../literate/cross-references.ts";
import type { CourseSite } from "../course-site.ts";

/** Attaches to each fence token of a course file (a chapter, its tests, an appendix) its index entry; returns the entries. */
export function attachIndexEntries(state: StateCore, site: CourseSite, file: string): readonly IndexedFence[] {
  const entries = site.index.fencesOf(file);
  const fences = state.tokens.filter((token) => token.type === "fence");
  fences.forEach((token, ordinal) => {
    const entry = entries[ordinal];
    if (entry === undefined || entry.fence.code !== token.content) {
      throw new Error(`${file}:${(token.map?.[0] ?? 0) + 1}: the site and the tangler read this file's fences differently`);
    }
    token.meta = { ...(token.meta as object | null), literate: entry };
  });
  return entries;
}

/** The index entry {@link attachIndexEntries} gave a fence token, if it gave one. */
export function indexEntryOf(token: Token): IndexedFence | undefined {
  return (token.meta as { literate?: IndexedFence } | null)?.literate;
}
