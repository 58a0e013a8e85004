import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** One chapter file of the course. */
export interface Chapter {
  /** The chapter number, from the file name (`01-wire-format.md` is chapter 1). */
  readonly number: number;
  /** The file name without `.md`, used for build folders and test names. */
  readonly slug: string;
  /** The path relative to the repository root, as shown in messages. */
  readonly file: string;
  /** The Markdown text. */
  readonly text: string;
}

/** Chapter files are `NN-slug.md`; anything else in the folder (README.md, images) is not a chapter. */
const CHAPTER_FILE = /^(\d{2})-[a-z0-9-]+\.md$/;

/** Reads every chapter in `chaptersDir`, in reading order; fails on two chapters with one number. */
export async function readChapters(root: string, chaptersDir = "chapters"): Promise<Chapter[]> {
  const names = (await readdir(path.join(root, chaptersDir))).filter((name) => CHAPTER_FILE.test(name));
  names.sort();
  const chapters: Chapter[] = [];
  for (const name of names) {
    const file = path.posix.join(chaptersDir.split(path.sep).join("/"), name);
    const text = await readFile(path.join(root, file), "utf8");
    const chapter = { number: Number(name.slice(0, 2)), slug: name.slice(0, -3), file, text };
    const previous = chapters.at(-1);
    if (previous?.number === chapter.number) {
      throw new Error(`${file}: chapter number ${chapter.number} is also used by ${previous.file}`);
    }
    chapters.push(chapter);
  }
  return chapters;
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
