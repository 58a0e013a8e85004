/**
 * The markdown-it plugin that turns the course's Markdown into the site's pages. It reads every
 * fence's info string with the tangler's own `parseFenceInfo`, and matches each fence of a
 * chapter with the tangler's view of it (the cross-reference index). The work is done by its
 * parts, one job each:
 * - {@link attachIndexEntries}: each fence of a chapter gets its entry in the index;
 * - {@link captionFence}: every tangled fence is captioned with its file or chunk, has an id to
 *   link to, its `// «chunk»` lines link to the chunk's definition, and its cross-references
 *   (where a chunk is used, where a file or chunk was first defined and in which later chapters
 *   it is revised, which API pages its exports have) are shown under it;
 * - {@link linkFirstMentions}: an export's first mention in its chapter's prose links to its API page;
 * - {@link addChapterLinks} and {@link addExerciseLinks}: the links under a page's title;
 * - {@link routeLinks}: links to `src/`, to exercise folders and to READMEs become links to their
 *   site pages, and links into `solutions/` are removed (the site never shows a solution);
 * - {@link insertContents}: the home page's table of contents.
 * The plugin itself also takes the literate words out of the info string, so the highlighter
 * sees only a language.
 */
import path from "node:path";
import type MarkdownIt from "markdown-it";
import type { StateCore } from "markdown-it";
import { FenceInfoError, parseFenceInfo, type FenceInfo } from "../../literate/fence-info.ts";
import { courseSite, type CourseSite } from "../course-site.ts";
import { linkFirstMentions } from "./api-mentions.ts";
import { addChapterLinks } from "./chapter-links.ts";
import { addExerciseLinks } from "./exercise-links.ts";
import { captionFence } from "./fence-captions.ts";
import { attachIndexEntries, indexEntryOf } from "./fence-entries.ts";
import { insertContents } from "./home-contents.ts";
import { routeLinks } from "./link-routing.ts";

/** What markdown-it's `env` holds under VitePress: the page's source file. */
interface PageEnv {
  /** The page's file; VitePress gives the rewritten path here when building pages. */
  path?: string;
  /** The page's original source file, when `path` is rewritten. */
  realPath?: string;
}

/** Adds the course's literate rendering to a markdown-it instance (VitePress's, in the config). */
export function literatePlugin(md: MarkdownIt, initial: CourseSite): void {
  let site = initial;
  md.core.ruler.push("literate", (state) => {
    const source = sourceFile(site, state.env as PageEnv);
    if (source === undefined) return;
    site = withChapterText(site, source, state.src);
    decoratePage(state, site, source);
  });
  const renderFence = md.renderer.rules.fence;
  if (renderFence === undefined) throw new Error("literatePlugin: markdown-it has no fence renderer");
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    if (token === undefined) return "";
    const info = readInfo(token.info);
    if (info === undefined) return renderFence(tokens, idx, options, env, self);
    if (info.target !== undefined || info.flags.includes("try")) token.info = info.language;
    return captionFence(site, info, indexEntryOf(token), renderFence(tokens, idx, options, env, self));
  };
}

/** Does to the tokens of the page read from `source` what its kind of page needs. */
function decoratePage(state: StateCore, site: CourseSite, source: string): void {
  routeLinks(state, site, source);
  const page = site.chapters.find((chapter) => chapter.chapter.file === source);
  if (page !== undefined) {
    linkFirstMentions(state, site, attachIndexEntries(state, site, source));
    addChapterLinks(state, site, page);
  } else if (site.index.indexes(source)) {
    attachIndexEntries(state, site, source); // a chapter's tests or an appendix
  }
  if (source === "docs/index.md") insertContents(state, site);
  const exercise = site.exercises.find((candidate) => `${candidate.dir}/README.md` === source);
  if (exercise !== undefined) addExerciseLinks(state, site, exercise);
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

/** The fence's info string read as the tangler reads it, or undefined when it is not in the course's syntax. */
function readInfo(info: string): FenceInfo | undefined {
  try {
    return parseFenceInfo(info);
  } catch (error) {
    if (error instanceof FenceInfoError) return undefined; // not ours to read (e.g. VitePress's own syntax)
    throw error;
  }
}
