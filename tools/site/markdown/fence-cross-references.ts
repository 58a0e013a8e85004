/**
 * The links under a tangled fence, which tell the rest of its story: where a chunk is used, the
 * whole file as of the chapter, the version it continues or replaces, where it was first defined,
 * the later chapters that revise it, and the API pages of the exports it introduces.
 */
import { anchorFor, type IndexedFence } from "../../literate/cross-references.ts";
import { fenceLink, introducedApiLink, type CourseSite } from "../course-site.ts";
import { escapeHtml, htmlLink } from "./html.ts";

/** The links under a tangled fence, in the order they are shown; none for an untangled one. */
export function crossReferences(site: CourseSite, entry: IndexedFence): string[] {
  if (entry.fence.info.target === undefined) return [];
  return [
    ...usedIn(site, entry),
    ...wholeFiles(site, entry),
    ...previousVersion(site, entry),
    ...firstDefinition(site, entry),
    ...laterRevisions(site, entry),
    ...apiPages(site, entry),
  ];
}

/** For a chunk: "used in" the fences that use it, as a reader of this chapter sees them. */
function usedIn(site: CourseSite, entry: IndexedFence): string[] {
  const target = entry.fence.info.target;
  if (target?.kind !== "chunk") return [];
  const users = site.index.usersOf(target.name).filter((user) => !replacedBefore(site, user, entry.chapter.number));
  if (users.length === 0) return [];
  return [`used in ${users.map((user) => htmlLink(fenceLink(user, entry), describeFence(user, entry))).join(", ")}`];
}

/** Whether a later chapter, up to `chapterNumber`, replaced what `fence` defines (so it no longer counts). */
function replacedBefore(site: CourseSite, fence: IndexedFence, chapterNumber: number): boolean {
  const target = fence.fence.info.target;
  if (target === undefined) return false;
  return site.index.history(target).some((later) => later.fence.info.mode === "replace"
    && later.chapter.number > fence.chapter.number && later.chapter.number <= chapterNumber);
}

/** How a fence is named in a link from `from`: its file or chunk, and its chapter if another. */
function describeFence(fence: IndexedFence, from: IndexedFence): string {
  const target = fence.fence.info.target;
  const name = target === undefined ? "a fence"
    : target.kind === "file" ? `<code>${escapeHtml(target.path)}</code>` : `«${escapeHtml(target.name)}»`;
  return fence.chapter === from.chapter ? name : `${name} (chapter ${fence.chapter.number})`;
}

/** The files the fence's lines end up in, whole, on the page of the code as of its chapter. */
function wholeFiles(site: CourseSite, entry: IndexedFence): string[] {
  const ownPage = site.chapters.find((page) => page.chapter === entry.chapter);
  if (ownPage === undefined || entry.files.length === 0) return [];
  const files = entry.files.map((file) =>
    htmlLink(`${ownPage.codeLink}#${anchorFor({ kind: "file", path: file })}`, `<code>${escapeHtml(file)}</code>`));
  return [`${entry.fence.info.target?.kind === "file" ? "the whole file" : "the whole of"} ${files.join(", ")} as of this chapter`];
}

/** The version this fence continues or replaces: "replaces the version of chapter 5", "continues the code above". */
function previousVersion(site: CourseSite, entry: IndexedFence): string[] {
  const fences = historyOf(site, entry);
  const previous = fences[fences.indexOf(entry) - 1];
  if (previous === undefined) return [];
  const replaces = entry.fence.info.mode === "replace";
  const label = previous.document === entry.document
    ? (replaces ? "replaces the version above" : "continues the code above")
    : previous.chapter === entry.chapter
    ? (replaces ? "replaces the chapter's version" : "adds to the chapter's code")
    : (replaces ? `replaces the version of chapter ${previous.chapter.number}` : `adds to the code of chapter ${previous.chapter.number}`);
  return [htmlLink(fenceLink(previous, entry), label)];
}

/** Where the file or chunk was first defined, when that is an earlier chapter than the version above says. */
function firstDefinition(site: CourseSite, entry: IndexedFence): string[] {
  const fences = historyOf(site, entry);
  const position = fences.indexOf(entry);
  const first = fences[0];
  if (first === undefined || first === fences[position - 1] || position <= 0 || first.chapter === entry.chapter) return [];
  return [htmlLink(fenceLink(first, entry), `first defined in chapter ${first.chapter.number}`)];
}

/** The later chapters that change the file or chunk, each linked to its first fence that does. */
function laterRevisions(site: CourseSite, entry: IndexedFence): string[] {
  const fences = historyOf(site, entry);
  const laterChapters = new Map<number, IndexedFence>();
  for (const later of fences.slice(fences.indexOf(entry) + 1)) {
    if (later.chapter.number > entry.chapter.number && !laterChapters.has(later.chapter.number)) {
      laterChapters.set(later.chapter.number, later);
    }
  }
  return [...laterChapters].map(([number, later]) => htmlLink(fenceLink(later, entry), `revised in chapter ${number}`));
}

/** Every fence, in order, that defines or changes the fence's file or chunk. */
function historyOf(site: CourseSite, entry: IndexedFence): readonly IndexedFence[] {
  const target = entry.fence.info.target;
  return target === undefined ? [] : site.index.history(target);
}

/** "API:" and the pages of the exports this fence introduces. */
function apiPages(site: CourseSite, entry: IndexedFence): string[] {
  const api = [...new Set(entry.exports)].flatMap((name) => {
    const page = introducedApiLink(site, name, entry);
    return page === undefined ? [] : [htmlLink(page, `<code>${escapeHtml(name)}</code>`)];
  });
  return api.length === 0 ? [] : [`API: ${api.join(", ")}`];
}
