import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** A Markdown file of the course: a chapter, a chapter's tests or an appendix. */
export interface CourseText {
  /** The path relative to the repository root, as shown in messages. */
  readonly file: string;
  /** The Markdown text. */
  readonly text: string;
}

/** One chapter file of the course, with the files whose code belongs to it. */
export interface Chapter extends CourseText {
  /** The chapter number, from the file name (`01-wire-format.md` is chapter 1). */
  readonly number: number;
  /** The file name without `.md`, used for build folders and test names. */
  readonly slug: string;
  /**
   * The chapter's other tests, kept out of its reading path: `chapters/tests/NN-slug.md`. Its
   * fences are tangled right after the chapter's, into the same snapshot.
   */
  readonly tests?: CourseText | undefined;
  /** The appendices; their fences marked `chapter=N` are tangled with chapter N, before its own. */
  readonly appendices?: readonly CourseText[];
}

/** Where a chapter's tests and the appendices live, inside the chapters folder. */
export const TESTS_FOLDER = "tests";
export const APPENDIX_FOLDER = "appendix";

/** Chapter files are `NN-slug.md`; anything else in the folder (README.md, images) is not a chapter. */
const CHAPTER_FILE = /^(\d{2})-[a-z0-9-]+\.md$/;

/**
 * Reads every chapter in `chaptersDir`, in reading order, each with its tests and the appendices;
 * fails on two chapters with one number, and on tests whose chapter does not exist.
 */
export async function readChapters(root: string, chaptersDir = "chapters"): Promise<Chapter[]> {
  const dir = chaptersDir.split(path.sep).join("/");
  const tests = await readMarkdownFiles(root, path.posix.join(dir, TESTS_FOLDER));
  const appendices = await readMarkdownFiles(root, path.posix.join(dir, APPENDIX_FOLDER));
  const names = (await readdir(path.join(root, dir))).filter((name) => CHAPTER_FILE.test(name));
  names.sort();
  const chapters: Chapter[] = [];
  for (const name of names) {
    const file = path.posix.join(dir, name);
    const text = await readFile(path.join(root, file), "utf8");
    const testsFile = path.posix.join(dir, TESTS_FOLDER, name);
    const chapter = { number: Number(name.slice(0, 2)), slug: name.slice(0, -3), file, text, tests: tests.get(testsFile), appendices: [...appendices.values()] };
    tests.delete(testsFile);
    const previous = chapters.at(-1);
    if (previous?.number === chapter.number) {
      throw new Error(`${file}: chapter number ${chapter.number} is also used by ${previous.file}`);
    }
    chapters.push(chapter);
  }
  for (const orphan of tests.keys()) {
    throw new Error(`${orphan}: these tests belong to ${path.posix.join(dir, path.posix.basename(orphan))}, which does not exist`);
  }
  return chapters;
}

/** The `.md` files of a folder by path, in name order; none when the folder does not exist. */
async function readMarkdownFiles(root: string, dir: string): Promise<Map<string, CourseText>> {
  const names = await readdir(path.join(root, dir)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  const files = new Map<string, CourseText>();
  for (const name of names.filter((candidate) => candidate.endsWith(".md")).sort()) {
    const file = path.posix.join(dir, name);
    files.set(file, { file, text: await readFile(path.join(root, file), "utf8") });
  }
  return files;
}

/** The chapter whose number is `wanted` (as typed: `5`, `05`), or undefined when there is none. */
export function findChapter<T extends { readonly number: number }>(chapters: readonly T[], wanted: string): T | undefined {
  return /^\d+$/.test(wanted) ? chapters.find((chapter) => chapter.number === Number(wanted)) : undefined;
}

/** The text of the first level-one heading, without Markdown code ticks. */
export function firstHeading(markdown: string): string | undefined {
  const match = /^# +(.+?)\s*#*\s*$/m.exec(markdown);
  return match?.[1]?.replace(/`/g, "");
}

/** A chapter's title: its first heading, or its slug when it has none. */
export function chapterTitle(chapter: Chapter): string {
  return firstHeading(chapter.text) ?? chapter.slug;
}
