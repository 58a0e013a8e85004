/**
 * What the site knows about the course: its chapters with their titles and pages, its exercises,
 * the cross-reference index and the API pages. The VitePress config, the page generators and the
 * markdown-it plugin all read the course through this one model.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
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
  /** The chapter it belongs to, or undefined when none can be told. */
  readonly chapterNumber: number | undefined;
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
  return courseSite(root, chapters, readExercises(root, chapters), readApiIndex(root));
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

function readExercises(root: string, chapters: readonly Chapter[]): ExercisePage[] {
  const folder = path.join(root, "exercises");
  if (!existsSync(folder)) return [];
  const dirs = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(folder, entry.name, "README.md")))
    .map((entry) => entry.name)
    .sort();
  return dirs.map((name) => {
    const text = readFileSync(path.join(folder, name, "README.md"), "utf8");
    const described = readExerciseJson(path.join(folder, name, "exercise.json"));
    const chapterNumber = chapters.some((chapter) => chapter.number === described.chapter)
      ? described.chapter : chapterOfExercise(name, text, chapters);
    return { dir: `exercises/${name}`, title: firstHeading(text) ?? name, link: `/exercises/${name}/`, chapterNumber };
  });
}

/** The `chapter` an exercise's `exercise.json` names, if it has one. */
function readExerciseJson(file: string): { chapter?: number } {
  if (!existsSync(file)) return {};
  const parsed = JSON.parse(readFileSync(file, "utf8")) as { chapter?: unknown };
  return typeof parsed.chapter === "number" ? { chapter: parsed.chapter } : {};
}

/**
 * Without an `exercise.json` naming its chapter, an exercise belongs to the first chapter its statement links to; failing that, to the chapter
 * whose number starts the folder's name (`03-timeouts` belongs to chapter 3).
 */
function chapterOfExercise(name: string, text: string, chapters: readonly Chapter[]): number | undefined {
  for (const match of text.matchAll(/chapters\/(\d{2})-[a-z0-9-]+\.md/g)) {
    const number = Number(match[1]);
    if (chapters.some((chapter) => chapter.number === number)) return number;
  }
  const number = Number(/^(\d+)-/.exec(name)?.[1]);
  return chapters.some((chapter) => chapter.number === number) ? number : undefined;
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
 * A link to a fence: its anchor on its chapter's page, or only the anchor when the link is on
 * that page already (`from`, the chapter the link is written in, is the fence's own).
 */
export function fenceLink(site: CourseSite, fence: IndexedFence, from?: Chapter): string {
  const anchor = `#${fence.anchor ?? ""}`;
  if (fence.chapter === from) return anchor;
  return `${pageOf(site, fence.chapter)?.link ?? ""}${anchor}`;
}
