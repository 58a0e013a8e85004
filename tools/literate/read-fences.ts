import MarkdownIt from "markdown-it";
import type { Chapter, CourseText } from "./chapters.ts";
import { FenceInfoError, parseFenceInfo, type FenceInfo } from "./fence-info.ts";
import { LiterateError, type SourceLocation } from "./location.ts";

/** One code fence of a chapter, with where it is. */
export interface Fence {
  /** Where the opening marker is. */
  readonly location: SourceLocation;
  /** The 1-based line of the first line of code in the chapter file. */
  readonly firstCodeLine: number;
  /** The parsed info string. */
  readonly info: FenceInfo;
  /** The code, without the fence markers; ends with a newline unless empty. */
  readonly code: string;
}

/** The fences of a course file and the problems found while reading them. */
export interface ChapterFences {
  readonly fences: Fence[];
  readonly errors: LiterateError[];
}

const markdown = new MarkdownIt();

/** The fences already read, by file: the appendix is read once for every chapter. */
const alreadyRead = new WeakMap<CourseText, ChapterFences>();

/**
 * Reads the code fences of a chapter (or any course file) from markdown-it's tokens, so a fence
 * is exactly what a Markdown renderer (and so the site) sees as a fence.
 */
export function readFences(chapter: CourseText): ChapterFences {
  const known = alreadyRead.get(chapter);
  if (known !== undefined) return { fences: [...known.fences], errors: [...known.errors] };
  const read = readFencesOnce(chapter);
  alreadyRead.set(chapter, read);
  return { fences: [...read.fences], errors: [...read.errors] };
}

function readFencesOnce(chapter: CourseText): ChapterFences {
  const lines = chapter.text.split("\n");
  const fences: Fence[] = [];
  const errors: LiterateError[] = [];
  for (const token of markdown.parse(chapter.text, {})) {
    if (token.type !== "fence" || token.map === null) continue;
    const [start, end] = token.map;
    const location = { file: chapter.file, line: start + 1 };
    if (!isClosed(lines, start, end, token.markup)) {
      errors.push(new LiterateError(location, `unterminated code fence: no closing ${token.markup} before the end of the file`));
      continue;
    }
    try {
      const info = parseFenceInfo(token.info);
      fences.push({ location, firstCodeLine: start + 2, info, code: token.content });
    } catch (error) {
      if (!(error instanceof FenceInfoError)) throw error;
      errors.push(new LiterateError(location, `${error.message} in \`${token.info.trim()}\``));
    }
  }
  return { fences, errors };
}

/**
 * markdown-it lets an unclosed fence run to the end of the document; we call that an
 * error, since it silently swallows the rest of the chapter. A closed fence's last line
 * is a run of the opening character at least as long as the opening marker.
 */
function isClosed(lines: readonly string[], start: number, end: number, marker: string): boolean {
  if (end - 1 <= start) return false;
  const last = (lines[end - 1] ?? "").replace(/^[\s>]*/, "").trimEnd();
  const char = marker[0] ?? "`";
  return last.length >= marker.length && [...last].every((c) => c === char);
}

/**
 * Every fence whose code belongs to `chapter`, in the order the tangler applies them: the
 * appendices' fences marked with its number, then the chapter's own, then its tests'. A fence in
 * the appendix must say which chapter it belongs to; a fence elsewhere must not.
 */
export function readChapterFences(chapter: Chapter): ChapterFences {
  const fences: Fence[] = [];
  const errors: LiterateError[] = [];
  for (const appendix of chapter.appendices ?? []) {
    const read = readFences(appendix);
    errors.push(...read.errors);
    for (const fence of read.fences) {
      if (fence.info.target !== undefined && fence.info.chapter === undefined) {
        errors.push(new LiterateError(fence.location, "a fence in an appendix says which chapter's code it belongs to: add chapter=N"));
      } else if (fence.info.chapter === chapter.number) {
        fences.push(fence);
      }
    }
  }
  for (const own of [chapter, ...(chapter.tests === undefined ? [] : [chapter.tests])]) {
    const read = readFences(own);
    errors.push(...read.errors);
    for (const fence of read.fences) {
      if (fence.info.chapter !== undefined && fence.info.chapter !== chapter.number) {
        errors.push(new LiterateError(fence.location, `chapter=${fence.info.chapter} in ${own.file}, whose code belongs to chapter ${chapter.number}: only an appendix's fences name their chapter`));
      } else {
        fences.push(fence);
      }
    }
  }
  return { fences, errors };
}
