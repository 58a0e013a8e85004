/**
 * Links written in the Markdown point at files of the repository, which is how they work on
 * GitHub. On the site they point at the pages made of those files: `src/` and the chapters'
 * snapshots at the code pages, exercise folders and READMEs at their pages. Links into
 * `solutions/`, out of the repository, or to files the site has no page for are removed (the
 * site never shows a solution, and has no broken links).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { StateCore, Token } from "markdown-it";
import { anchorFor } from "../../literate/cross-references.ts";
import type { CourseSite } from "../course-site.ts";
import { htmlInline } from "./html.ts";

/** Points the page's relative links at their site pages, and removes those that have none. */
export function routeLinks(state: StateCore, site: CourseSite, source: string): void {
  for (const block of state.tokens) routeInlineLinks(state, block.children ?? [], site, source);
}

/** {@link routeLinks} in one block's inline tokens; a removed link keeps its text, in a span. */
function routeInlineLinks(state: StateCore, children: Token[], site: CourseSite, source: string): void {
  let unlinked = 0;
  children.forEach((token, index) => {
    if (token.type === "link_close" && unlinked > 0) {
      unlinked -= 1;
      children[index] = htmlInline(state, "</span>");
    }
    if (token.type !== "link_open") return;
    const href = token.attrGet("href");
    if (href === null) return;
    const target = siteHref(site, source, href);
    if (target === undefined) return;
    if (target === null) {
      // Drop this link; its closing token is the next link_close (links do not nest).
      unlinked += 1;
      children[index] = htmlInline(state, `<span class="literate-unlinked">`);
      return;
    }
    token.attrSet("href", target);
  });
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
  for (const route of ROUTES) {
    const routed = route(site, target, hash);
    if (routed !== undefined) return routed;
  }
  return null;
}

/**
 * Where one kind of repository path goes on the site: a href, `null` for nowhere, or `undefined`
 * when `target` (a path from the repository's root) is not of its kind. `hash` is the link's
 * query and fragment, kept where the page has the same sections.
 */
type Route = (site: CourseSite, target: string, hash: string) => string | null | undefined;

/** The repository's README and docs/index.md are the home page. */
const homePage: Route = (_site, target, hash) =>
  target === "README.md" || target === "docs/index.md" ? `/${hash}` : undefined;

/** `src/` is the code as of the last chapter; a source file, its section there. */
const sourceCode: Route = (site, target, hash) => {
  if (target !== "src" && !target.startsWith("src/")) return undefined;
  const last = site.chapters.at(-1);
  if (last === undefined) return null;
  const anchor = /\.[cm]?[jt]sx?$/.test(target) ? `#${anchorFor({ kind: "file", path: target })}` : "";
  return `${last.codeLink}${hash || anchor}`;
};

/** A chapter's snapshot, `build/chapters/NN-slug/`, is the code as of that chapter. */
const chapterSnapshot: Route = (site, target) => {
  const snapshot = /^build\/chapters\/([^/]+)/.exec(target);
  if (snapshot === null) return undefined;
  const page = site.chapters.find((candidate) => candidate.chapter.slug === snapshot[1]);
  return page === undefined ? null : page.codeLink;
};

/** `chapters/`, `exercises/` and an exercise's folder (or their READMEs) are their index pages. */
const folderIndex: Route = (site, target, hash) => {
  const folder = /^(chapters|exercises(?:\/[^/]+)?)(?:\/README\.md)?$/.exec(target)?.[1];
  if (folder === undefined) return undefined;
  if (folder === "chapters") return `/chapters/${hash}`;
  if (folder === "exercises") return existsSync(path.join(site.root, "exercises", "README.md")) ? `/exercises/${hash}` : null;
  const exercise = site.exercises.find((candidate) => candidate.dir === folder);
  return exercise === undefined ? null : `${exercise.link}${hash}`;
};

/** A chapter, its tests, an appendix, or a page of `docs/` or `exercises/`, is its own page (docs/ is the site's root). */
const markdownPage: Route = (site, target, hash) => {
  if (!target.endsWith(".md")) return undefined;
  const onSite = target.startsWith("docs/") ? target.slice("docs/".length) : target;
  const known = site.chapters.some((page) => page.chapter.file === target) || site.index.indexes(target)
    || target.startsWith("docs/") || target.startsWith("exercises/");
  return known ? `/${onSite}${hash}` : null;
};

/** The routes, tried in this order; a path none of them takes has no page. */
const ROUTES: readonly Route[] = [homePage, sourceCode, chapterSnapshot, folderIndex, markdownPage];
