/**
 * The markdown-it plugin that turns the course's Markdown into the site's pages. It reads every
 * fence's info string with the tangler's own `parseFenceInfo`, and matches each fence of a
 * chapter with the tangler's view of it (the cross-reference index), so that:
 * - every tangled fence is captioned with its file or chunk, and has an id to link to;
 * - under it, links say where a chunk is used, where a file or chunk was first defined and in
 *   which later chapters it is revised, and which API pages its exports have;
 * - `// «chunk»` lines in code link to the chunk's definition;
 * - the literate words are taken out of the info string, so the highlighter sees only a language;
 * - links to `src/`, to exercise folders and to READMEs become links to their site pages, and
 *   links into `solutions/` are removed (the site never shows a solution).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type MarkdownIt from "markdown-it";
import type { StateCore, Token } from "markdown-it";
import { anchorFor, type IndexedFence } from "../literate/cross-references.ts";
import { describeTarget, FenceInfoError, parseFenceInfo, type FenceInfo } from "../literate/fence-info.ts";
import { apiLink, courseSite, pageOf, type ChapterPage, type CourseSite, type ExercisePage } from "./course-site.ts";

/** What markdown-it's `env` holds under VitePress: the page's source file. */
interface PageEnv {
  /** The page's file; VitePress gives the rewritten path here when building pages. */
  path?: string;
  /** The page's original source file, when `path` is rewritten. */
  realPath?: string;
}

/** Marks the home page's place for the generated table of contents. */
export const CONTENTS_MARKER = "<!-- course-contents -->";

/** Adds the course's literate rendering to a markdown-it instance (VitePress's, in the config). */
export function literatePlugin(md: MarkdownIt, initial: CourseSite): void {
  let site = initial;
  md.core.ruler.push("literate", (state) => {
    const source = sourceFile(site, state.env as PageEnv);
    if (source === undefined) return;
    site = withChapterText(site, source, state.src);
    rewriteLinks(state, site, source);
    const page = site.chapters.find((chapter) => chapter.chapter.file === source);
    if (page !== undefined) decorateChapter(state, site, page);
    if (source === "docs/index.md") insertContents(state, site);
    const exercise = site.exercises.find((candidate) => `${candidate.dir}/README.md` === source);
    if (exercise !== undefined) linkExerciseToChapter(state, site, exercise);
  });
  const renderFence = md.renderer.rules.fence;
  if (renderFence === undefined) throw new Error("literatePlugin: markdown-it has no fence renderer");
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    if (token === undefined) return "";
    const info = readInfo(token.info);
    if (info === undefined) return renderFence(tokens, idx, options, env, self);
    if (info.target !== undefined || info.flags.includes("try")) token.info = info.language;
    const code = renderFence(tokens, idx, options, env, self);
    const entry = (token.meta as { literate?: IndexedFence } | null)?.literate;
    return entry === undefined ? captionOnly(info, code) : captionEntry(site, entry, code);
  };
}

/**
 * The site with a chapter's text as the renderer was given it. It is the same text unless the
 * chapter was edited since the site was read (VitePress's dev server): then the chapters are
 * indexed again, so the fences still match the tangler's reading.
 */
function withChapterText(site: CourseSite, source: string, text: string): CourseSite {
  const page = site.chapters.find((candidate) => candidate.chapter.file === source);
  if (page === undefined || page.chapter.text === text) return site;
  const chapters = site.chapters.map(({ chapter }) => (chapter === page.chapter ? { ...chapter, text } : chapter));
  return courseSite(site.root, chapters, site.exercises, site.api);
}

/** The page's source file relative to the course root, or undefined for a page outside it. */
function sourceFile(site: CourseSite, env: PageEnv): string | undefined {
  const file = env.realPath ?? env.path;
  if (file === undefined) return undefined;
  const relative = path.relative(site.root, file).split(path.sep).join("/");
  return relative.startsWith("..") ? undefined : relative;
}

function readInfo(info: string): FenceInfo | undefined {
  try {
    return parseFenceInfo(info);
  } catch (error) {
    if (error instanceof FenceInfoError) return undefined; // not ours to read (e.g. VitePress's own syntax)
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Chapters: fences matched with the index, links to the chapter's code and exercises

/** Attaches each fence's index entry to its token, and adds the chapter's links and exercises. */
function decorateChapter(state: StateCore, site: CourseSite, page: ChapterPage): void {
  const entries = site.index.fencesOf(page.chapter.file);
  const fences = state.tokens.filter((token) => token.type === "fence");
  fences.forEach((token, ordinal) => {
    const entry = entries[ordinal];
    if (entry === undefined || entry.fence.code !== token.content) {
      throw new Error(`${page.chapter.file}:${(token.map?.[0] ?? 0) + 1}: the site and the tangler read this chapter's fences differently`);
    }
    token.meta = { ...(token.meta as object | null), literate: entry };
  });
  linkIntroducedSymbols(state, site, entries);
  const titleEnd = state.tokens.findIndex((token) => token.type === "heading_close" && token.tag === "h1");
  const banner = html(state, chapterLinks(site, page));
  state.tokens.splice(titleEnd + 1, 0, banner);
  if (page.exercises.length > 0) state.tokens.push(html(state, exercisesSection(page)));
}

/**
 * In the chapter that introduces an export, its first mention in the prose as inline code
 * (`encodeFrame` or `encodeFrame()`, outside headings and links) links to its API page.
 */
function linkIntroducedSymbols(state: StateCore, site: CourseSite, entries: readonly IndexedFence[]): void {
  const pages = new Map<string, string>();
  for (const entry of entries) {
    for (const name of entry.exports) {
      const page = site.index.introductionOf(name) === entry ? apiLink(site, name, entry.files) : undefined;
      if (page !== undefined) pages.set(name, page);
    }
  }
  state.tokens.forEach((block, index) => {
    if (block.type !== "inline" || block.children === null || state.tokens[index - 1]?.type === "heading_open") return;
    let linkDepth = 0;
    block.children = block.children.flatMap((token) => {
      if (token.type === "link_open") linkDepth += 1;
      if (token.type === "link_close") linkDepth -= 1;
      const name = /^([A-Za-z_$][\w$]*)(?:\(\))?$/.exec(token.content)?.[1];
      const page = name === undefined ? undefined : pages.get(name);
      if (token.type !== "code_inline" || linkDepth > 0 || name === undefined || page === undefined) return [token];
      pages.delete(name);
      const open = new state.Token("link_open", "a", 1);
      open.attrSet("href", page);
      open.attrSet("title", `${name} in the API reference`);
      return [open, token, new state.Token("link_close", "a", -1)];
    });
  });
}

function chapterLinks(site: CourseSite, page: ChapterPage): string {
  const previous = site.chapters[site.chapters.indexOf(page) - 1];
  const links = [
    `<a href="${page.codeLink}">The code as of this chapter</a>`,
    previous === undefined
      ? `<a href="${page.changesLink}">The files this chapter starts</a>`
      : `<a href="${page.changesLink}">What changed since chapter ${previous.chapter.number}</a>`,
  ];
  if (page.exercises.length > 0) {
    links.push(`<a href="#course-exercises">Exercises (${page.exercises.length})</a>`);
  }
  return `<p class="literate-chapter-links">${links.join(" · ")}</p>\n`;
}

function exercisesSection(page: ChapterPage): string {
  const items = page.exercises.map((exercise) => `<li><a href="${exercise.link}">${escape(exercise.title)}</a></li>`);
  return [
    `<h2 id="course-exercises" tabindex="-1">Exercises <a class="header-anchor" href="#course-exercises" aria-label="Permalink to &quot;Exercises&quot;">&#8203;</a></h2>`,
    `<ul>${items.join("")}</ul>`,
    "",
  ].join("\n");
}

/** Puts a link to the exercise's chapter under its title. */
function linkExerciseToChapter(state: StateCore, site: CourseSite, exercise: ExercisePage): void {
  const page = site.chapters.find((candidate) => candidate.chapter.number === exercise.chapterNumber);
  if (page === undefined) return;
  const titleEnd = state.tokens.findIndex((token) => token.type === "heading_close" && token.tag === "h1");
  const text = `An exercise for ${link(page.link, `chapter ${page.chapter.number}, ${escape(page.title)}`)}`
    + ` · ${link(page.codeLink, "the code as of that chapter")}`;
  state.tokens.splice(titleEnd + 1, 0, html(state, `<p class="literate-chapter-links">${text}</p>\n`));
}

function html(state: StateCore, content: string): Token {
  const token = new state.Token("html_block", "", 0);
  token.content = content;
  return token;
}

// ---------------------------------------------------------------------------------------------
// Fences: caption, chunk links inside the code, cross-references below

function captionOnly(info: FenceInfo, code: string): string {
  if (info.target === undefined && info.flags.includes("try")) {
    return wrap(undefined, `<span class="literate-kind">Try it</span> commands typed at the repository root, and what they print`, code, []);
  }
  if (info.target === undefined) return code;
  return wrap(undefined, targetLabel(info), code, []);
}

function captionEntry(site: CourseSite, entry: IndexedFence, code: string): string {
  const { info } = entry.fence;
  if (info.target === undefined) return captionOnly(info, code);
  const linked = code.replace(/«([^«»<>\n]+)»/g, (whole, name: string) => {
    const definition = site.index.chunkDefinition(unescape(name).trim(), entry.chapter.number);
    if (definition === undefined) return whole;
    return `<a class="literate-ref" href="${fenceLink(site, definition, entry)}">${whole}</a>`;
  });
  const files = info.target.kind === "chunk" && entry.files.length > 0
    ? ` <span class="literate-in">in ${entry.files.map((file) => `<code>${escape(file)}</code>`).join(", ")}</span>` : "";
  return wrap(entry.anchor, targetLabel(info) + files, linked, crossReferences(site, entry));
}

function targetLabel(info: FenceInfo): string {
  const { target, mode } = info;
  if (target === undefined) return "";
  const name = target.kind === "file"
    ? `<span class="literate-kind">file</span> <code>${escape(target.path)}</code>`
    : `<span class="literate-kind">chunk</span> <span class="literate-chunk">«${escape(target.name)}»</span>`;
  const modeLabel = mode === "append" ? " <span class=\"literate-mode\">continued</span>"
    : mode === "replace" ? " <span class=\"literate-mode\">replaced</span>" : "";
  return name + modeLabel;
}

function wrap(anchor: string | undefined, caption: string, code: string, references: readonly string[]): string {
  const id = anchor === undefined ? "" : ` id="${anchor}"`;
  const below = references.length === 0 ? "" : `<p class="literate-xref">${references.join(" · ")}</p>`;
  return `<div class="literate-fence"${id}><p class="literate-caption">${caption}</p>\n${code}${below}</div>\n`;
}

/** The links under a tangled fence. */
function crossReferences(site: CourseSite, entry: IndexedFence): string[] {
  const target = entry.fence.info.target;
  if (target === undefined) return [];
  const references: string[] = [];
  if (target.kind === "chunk") {
    const users = site.index.usersOf(target.name).filter((user) => !replacedBefore(site, user, entry.chapter.number));
    if (users.length > 0) {
      references.push(`used in ${users.map((user) => link(fenceLink(site, user, entry), describeFence(user, entry))).join(", ")}`);
    }
  }
  const ownPage = site.chapters.find((page) => page.chapter === entry.chapter);
  if (ownPage !== undefined && entry.files.length > 0) {
    const files = entry.files.map((file) => link(`${ownPage.codeLink}#${anchorFor({ kind: "file", path: file })}`, `<code>${escape(file)}</code>`));
    references.push(`${target.kind === "file" ? "the whole file" : "the whole of"} ${files.join(", ")} as of this chapter`);
  }
  references.push(...history(site, entry));
  const api = [...new Set(entry.exports)].flatMap((name) => {
    const page = site.index.introductionOf(name) === entry ? apiLink(site, name, entry.files) : undefined;
    return page === undefined ? [] : [link(page, `<code>${escape(name)}</code>`)];
  });
  if (api.length > 0) references.push(`API: ${api.join(", ")}`);
  return references;
}

/** Whether a later chapter, up to `chapterNumber`, replaced what `fence` defines (so it no longer counts). */
function replacedBefore(site: CourseSite, fence: IndexedFence, chapterNumber: number): boolean {
  const target = fence.fence.info.target;
  if (target === undefined) return false;
  return site.index.history(target).some((later) => later.fence.info.mode === "replace"
    && later.chapter.number > fence.chapter.number && later.chapter.number <= chapterNumber);
}

/** Where the rest of a file's or chunk's story is: "replaces the version of chapter 5", "revised in chapter 7". */
function history(site: CourseSite, entry: IndexedFence): string[] {
  const target = entry.fence.info.target;
  if (target === undefined) return [];
  const fences = site.index.history(target);
  const position = fences.indexOf(entry);
  const references: string[] = [];
  const first = fences[0];
  const previous = fences[position - 1];
  const replaces = entry.fence.info.mode === "replace";
  if (previous !== undefined) {
    const label = previous.chapter === entry.chapter
      ? (replaces ? "replaces the version above" : "continues the code above")
      : (replaces ? `replaces the version of chapter ${previous.chapter.number}` : `adds to the code of chapter ${previous.chapter.number}`);
    references.push(link(fenceLink(site, previous, entry), label));
  }
  if (first !== undefined && first !== previous && position > 0 && first.chapter !== entry.chapter) {
    references.push(link(fenceLink(site, first, entry), `first defined in chapter ${first.chapter.number}`));
  }
  const laterChapters = new Map<number, IndexedFence>();
  for (const later of fences.slice(position + 1)) {
    if (later.chapter.number > entry.chapter.number && !laterChapters.has(later.chapter.number)) {
      laterChapters.set(later.chapter.number, later);
    }
  }
  for (const [number, later] of laterChapters) {
    references.push(link(fenceLink(site, later, entry), `revised in chapter ${number}`));
  }
  return references;
}

function describeFence(fence: IndexedFence, from: IndexedFence): string {
  const target = fence.fence.info.target;
  const name = target === undefined ? "a fence"
    : target.kind === "file" ? `<code>${escape(target.path)}</code>` : `«${escape(target.name)}»`;
  return fence.chapter === from.chapter ? name : `${name} (chapter ${fence.chapter.number})`;
}

/** A link to a fence: a bare anchor on its own chapter's page. */
function fenceLink(site: CourseSite, fence: IndexedFence, from: IndexedFence): string {
  const anchor = `#${fence.anchor ?? ""}`;
  if (fence.chapter === from.chapter) return anchor;
  return `${pageOf(site, fence.chapter)?.link ?? ""}${anchor}`;
}

function link(href: string, label: string): string {
  return `<a href="${escape(href)}">${label}</a>`;
}

// ---------------------------------------------------------------------------------------------
// Links written in the Markdown

/**
 * Points relative links at the pages the site makes of the files they name; removes links
 * into `solutions/` and to files the site has no page for (they would be broken links).
 */
function rewriteLinks(state: StateCore, site: CourseSite, source: string): void {
  for (const block of state.tokens) {
    const children = block.children ?? [];
    let unlinked = 0;
    children.forEach((token, index) => {
      if (token.type === "link_close" && unlinked > 0) {
        unlinked -= 1;
        children[index] = plain(state, "</span>");
      }
      if (token.type !== "link_open") return;
      const href = token.attrGet("href");
      if (href === null) return;
      const target = siteHref(site, source, href);
      if (target === undefined) return;
      if (target === null) {
        // Drop this link; its closing token is the next link_close (links do not nest).
        unlinked += 1;
        children[index] = plain(state, `<span class="literate-unlinked">`);
        return;
      }
      token.attrSet("href", target);
    });
  }
}

function plain(state: StateCore, content: string): Token {
  const token = new state.Token("html_inline", "", 0);
  token.content = content;
  return token;
}

/**
 * Where a link written in `source` should point on the site: a new href, `undefined` to leave it
 * as it is (external links, anchors, other Markdown pages), or `null` to remove it.
 */
export function siteHref(site: CourseSite, source: string, href: string): string | null | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("#") || href.startsWith("/")) return undefined;
  const hashAt = href.search(/[?#]/);
  const pathPart = decodeURI(hashAt < 0 ? href : href.slice(0, hashAt));
  const hash = hashAt < 0 ? "" : href.slice(hashAt);
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(source), pathPart)).replace(/\/$/, "");
  if (target.startsWith("../") || target === "..") return null;
  if (target === "solutions" || target.startsWith("solutions/")) return null;
  if (target === "README.md" || target === "docs/index.md") return `/${hash}`;
  if (target === "src" || target.startsWith("src/")) {
    const last = site.chapters.at(-1);
    if (last === undefined) return null;
    const anchor = /\.[cm]?[jt]sx?$/.test(target) ? `#${anchorFor({ kind: "file", path: target })}` : "";
    return `${last.codeLink}${hash || anchor}`;
  }
  const snapshot = /^build\/chapters\/([^/]+)/.exec(target);
  if (snapshot !== null) {
    const page = site.chapters.find((candidate) => candidate.chapter.slug === snapshot[1]);
    return page === undefined ? null : page.codeLink;
  }
  const folderReadme = /^(chapters|exercises(?:\/[^/]+)?)(?:\/README\.md)?$/.exec(target);
  if (folderReadme !== null) {
    const exercise = site.exercises.find((candidate) => candidate.dir === folderReadme[1]);
    if (folderReadme[1] === "chapters") return `/chapters/${hash}`;
    if (folderReadme[1] === "exercises") return existsSync(path.join(site.root, "exercises", "README.md")) ? `/exercises/${hash}` : null;
    return exercise === undefined ? null : `${exercise.link}${hash}`;
  }
  if (target.endsWith(".md")) {
    const onSite = target.startsWith("docs/") ? target.slice("docs/".length) : target;
    const known = site.chapters.some((page) => page.chapter.file === target)
      || target.startsWith("docs/") || target.startsWith("exercises/");
    return known ? `/${onSite}${hash}` : null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The home page's table of contents

function insertContents(state: StateCore, site: CourseSite): void {
  const at = state.tokens.findIndex((token) => token.type === "html_block" && token.content.trim() === CONTENTS_MARKER);
  if (at < 0) return;
  state.tokens.splice(at, 1, html(state, contentsTable(site)));
}

function contentsTable(site: CourseSite): string {
  if (site.chapters.length === 0) return "<p>No chapters yet.</p>\n";
  const items = site.chapters.map((page) => {
    const exercises = page.exercises.map((exercise) => `<li>Exercise ${link(exercise.link, escape(exercise.title))}</li>`);
    return `<li value="${page.chapter.number}">${link(page.link, escape(page.title))}`
      + ` <span class="literate-contents-code">(${link(page.codeLink, "code")} · ${link(page.changesLink, "changes")})</span>`
      + (exercises.length > 0 ? `<ul>${exercises.join("")}</ul>` : "")
      + "</li>";
  });
  return `<ol class="literate-contents">${items.join("")}</ol>\n`;
}

// ---------------------------------------------------------------------------------------------

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function unescape(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}
