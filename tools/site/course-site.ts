/**
 * What the site knows about the course: its chapters with their titles and pages, its exercises,
 * the cross-reference index and the API pages. The VitePress config, the page generators and the
 * markdown-it plugin all read the course through this one model.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { chapterOf, courseLayout, readExercises } from "../exercises/catalog.ts";
import { chapterTitle, firstHeading, readChapters, type Chapter } from "../literate/chapters.ts";
import { CrossReferences, type IndexedFence } from "../literate/cross-references.ts";

/** A chapter and its pages on the site. */
export interface ChapterPage {
  readonly chapter: Chapter;
  /** The chapter's first `# ` heading. */
  readonly title: string;
  /** The chapter's page, e.g. `/chapters/01-wire-format.html`. */
  readonly link: string;
  /** The code as of this chapter. */
  readonly codeLink: string;
  /** What changed in the code since the previous chapter. */
  readonly changesLink: string;
  /** The exercises that belong to this chapter. */
  readonly exercises: readonly ExercisePage[];
}

/** An exercise statement, `exercises/NN-slug/README.md`. */
export interface ExercisePage {
  /** The folder, relative to the repository root, e.g. `exercises/03-timeouts`. */
  readonly dir: string;
  readonly title: string;
  /** The exercise's page, e.g. `/exercises/03-timeouts/`. */
  readonly link: string;
  /** The chapter it belongs to, as its `exercise.json` says. */
  readonly chapterNumber: number;
}

/** One exported symbol and its page in the API reference. */
export interface ApiEntry {
  readonly name: string;
  /** The source file that declares it, e.g. `src/protocol/frame.ts`. */
  readonly source: string;
  /** Its page and section, e.g. `/api/src/protocol/frame.html#encodeframe`. */
  readonly link: string;
}

/** The whole course as the site shows it. */
export interface CourseSite {
  readonly root: string;
  readonly chapters: readonly ChapterPage[];
  readonly exercises: readonly ExercisePage[];
  readonly index: CrossReferences;
  readonly api: readonly ApiEntry[];
}

/** Where the page generators write and the config reads generated data, relative to the root. */
export const GENERATED = {
  /** Code as of each chapter. */
  code: "docs/code",
  /** Changes since the previous chapter. */
  changes: "docs/changes",
  /** typedoc's Markdown output. */
  api: "docs/api",
  /** The API index: symbol to page. */
  apiIndex: "build/site/api-index.json",
} as const;

/** The folders of the repository that hold pages; everything else is kept off the site. */
export const PAGE_FOLDERS = ["chapters", "exercises", "docs"] as const;

/** Reads the course rooted at `root`. */
export async function loadCourseSite(root: string): Promise<CourseSite> {
  const chapters = await readChapters(root);
  return courseSite(root, chapters, await readExercisePages(root, chapters), readApiIndex(root));
}

/** The site's model of chapters, exercises and API entries already read. */
export function courseSite(root: string, chapters: readonly Chapter[], exercises: readonly ExercisePage[], api: readonly ApiEntry[]): CourseSite {
  const index = CrossReferences.build(chapters);
  const pages = chapters.map((chapter) => ({
    chapter,
    title: chapterTitle(chapter),
    link: `/chapters/${chapter.slug}.html`,
    codeLink: `/code/${chapter.slug}.html`,
    changesLink: `/changes/${chapter.slug}.html`,
    exercises: exercises.filter((exercise) => exercise.chapterNumber === chapter.number),
  }));
  return { root, chapters: pages, exercises, index, api };
}

/**
 * The exercises that have a statement (`README.md`), as the catalog reads them: an `exercise.json`
 * that is broken, or that names a chapter the course does not have, is an error that names it.
 */
async function readExercisePages(root: string, chapters: readonly Chapter[]): Promise<ExercisePage[]> {
  const layout = courseLayout(root);
  const pages: ExercisePage[] = [];
  for (const exercise of await readExercises(layout)) {
    const statement = path.join(layout.exercisesDir, exercise.id, "README.md");
    if (!existsSync(statement)) continue;
    chapterOf(layout, exercise, chapters); // throws, naming the file, for a chapter the course does not have
    const title = firstHeading(readFileSync(statement, "utf8")) ?? exercise.id;
    pages.push({ dir: `exercises/${exercise.id}`, title, link: `/exercises/${exercise.id}/`, chapterNumber: exercise.chapter });
  }
  return pages;
}

function readApiIndex(root: string): ApiEntry[] {
  const file = path.join(root, GENERATED.apiIndex);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as ApiEntry[]) : [];
}

/** The page of a chapter of the site. */
export function pageOf(site: CourseSite, chapter: Chapter): ChapterPage | undefined {
  return site.chapters.find((candidate) => candidate.chapter === chapter);
}

/** The API page of an exported name declared in one of `files`, or else anywhere. */
export function apiLink(site: CourseSite, name: string, files: readonly string[]): string | undefined {
  const candidates = site.api.filter((entry) => entry.name === name);
  return (candidates.find((entry) => files.includes(entry.source)) ?? candidates[0])?.link;
}

/** The API page of `name` when `fence` is the one that introduces it: only that fence links there. */
export function introducedApiLink(site: CourseSite, name: string, fence: IndexedFence): string | undefined {
  return site.index.introductionOf(name) === fence ? apiLink(site, name, fence.files) : undefined;
}

/**
 * A link to a fence: its anchor on the page of the file it is written in (a chapter, a chapter's
 * tests, an appendix), or only the anchor when the link is on that page already (`from`, the
 * fence the link is written under, is in the same file).
 */
export function fenceLink(fence: IndexedFence, from?: IndexedFence): string {
  const anchor = `#${fence.anchor ?? ""}`;
  if (fence.document === from?.document) return anchor;
  return `${documentLink(fence.document)}${anchor}`;
}

/** The site page of a course file: `chapters/tests/05-server.md` is `/chapters/tests/05-server.html`. */
export function documentLink(file: string): string {
  return `/${file.replace(/\.md$/, ".html")}`;
}
