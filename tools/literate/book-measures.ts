/**
 * The shape of the book, measured on the chapter files a student reads: how long each chapter
 * is, how much of its code is tests, how much re-prints earlier code, its pictures, its widest
 * code line, and whether it names the original's piece and links its exercises. `npm run book`
 * prints these as a table, and the course's shape test holds them to the limits below.
 */
import type { Chapter, CourseText } from "./chapters.ts";
import { readFences } from "./read-fences.ts";
import { tangleOrThrow, type Snapshot } from "../tangle/tangle.ts";

/** The limits a chapter of one sitting keeps to. */
export const BOOK_LIMITS = {
  /** Lines of a chapter file. */
  chapterLines: 1200,
  /** Test code, as a share of the tangled code shown in one chapter. */
  chapterTestShare: 0.35,
  /** Test code, as a share of all the tangled code the chapters show. */
  courseTestShare: 0.2,
  /** Lines inside `replace` fences, across the course. */
  replaceLines: 700,
  /** Diagrams across the course. */
  diagrams: 7,
  /** Columns of a line of code, so that the site shows it whole at 1,280 px. */
  codeColumns: 100,
} as const;

/** What {@link measureChapter} finds in one chapter file. */
export interface ChapterMeasures {
  readonly number: number;
  readonly file: string;
  readonly lines: number;
  /** Words outside code fences. */
  readonly proseWords: number;
  /** Lines of the chapter file that end up in tangled files (its tests' file and the appendix not counted; a `// «chunk»` line stands for other lines, and is not counted). */
  readonly codeLines: number;
  /** Of those, the lines that end up in tests or test helpers. */
  readonly testLines: number;
  /** Lines inside `replace` fences. */
  readonly replaceLines: number;
  /** Mermaid fences. */
  readonly diagrams: number;
  /** The longest line inside any code fence, in columns. */
  readonly widestCode: number;
  /** True when the chapter opens with a line that maps the original's piece to it. */
  readonly namesTheOriginal: boolean;
}

/** A file of tests or of the helpers only tests use. */
export function isTestFile(file: string): boolean {
  return /\.test\.[cm]?[jt]s$/.test(file) || file.startsWith("src/testing/") || /(^|\/)test_[^/]*\.py$/.test(file);
}

/** The line right under a chapter's title that says which piece of the original it takes up. */
const ORIGINAL_LINE = /^# .*\n+> \*\*In the original:\*\*/;

/** Measures `chapter`, whose code as of its end is `snapshot`. */
export function measureChapter(chapter: Chapter, snapshot: Snapshot): ChapterMeasures {
  const lines = chapter.text.split("\n");
  const fences = readFences(chapter).fences;
  const inFence = new Set<number>();
  for (const fence of fences) {
    const count = fence.code === "" ? 0 : fence.code.replace(/\n$/, "").split("\n").length;
    for (let line = fence.location.line; line <= fence.firstCodeLine + count; line += 1) inFence.add(line);
  }
  const prose = lines.filter((_, index) => !inFence.has(index + 1)).join(" ");
  const shown = new Map<number, boolean>(); // chapter line -> ends up in a test file
  for (const file of snapshot.files.values()) {
    for (const line of file.lines) {
      if (line.origin?.file !== chapter.file) continue;
      shown.set(line.origin.line, (shown.get(line.origin.line) ?? false) || isTestFile(file.path));
    }
  }
  const codeLineCount = (code: string): number => (code === "" ? 0 : code.replace(/\n$/, "").split("\n").length);
  return {
    number: chapter.number,
    file: chapter.file,
    lines: lines.length - (chapter.text.endsWith("\n") ? 1 : 0),
    proseWords: prose.split(/\s+/).filter((word) => /[A-Za-z]/.test(word)).length,
    codeLines: shown.size,
    testLines: [...shown.values()].filter(Boolean).length,
    replaceLines: fences.filter((fence) => fence.info.mode === "replace").reduce((sum, fence) => sum + codeLineCount(fence.code), 0),
    diagrams: diagramsOf(chapter),
    widestCode: Math.max(0, ...fences.flatMap((fence) => fence.code.split("\n").map((line) => [...line].length))),
    namesTheOriginal: ORIGINAL_LINE.test(chapter.text),
  };
}

/** The measures of every chapter; throws, naming the places, when the chapters do not tangle. */
export function measureBook(chapters: readonly Chapter[]): ChapterMeasures[] {
  const snapshots = tangleOrThrow(chapters);
  return chapters.flatMap((chapter, index) => {
    const snapshot = snapshots[index];
    return snapshot === undefined ? [] : [measureChapter(chapter, snapshot)];
  });
}

/** The pictures of a chapter: its mermaid fences. */
export function diagramsOf(text: CourseText): number {
  return readFences(text).fences.filter((fence) => fence.info.language === "mermaid").length;
}

/** The test share of some chapters' shown code, 0 when they show none. */
export function testShare(measures: readonly ChapterMeasures[]): number {
  const code = measures.reduce((sum, chapter) => sum + chapter.codeLines, 0);
  return code === 0 ? 0 : measures.reduce((sum, chapter) => sum + chapter.testLines, 0) / code;
}

/** The measures as a Markdown table, with a total row. */
export function formatMeasures(measures: readonly ChapterMeasures[]): string {
  const rows = measures.map((m) => [String(m.number), String(m.lines), String(m.proseWords), String(m.codeLines),
    percent(testShare([m])), String(m.diagrams), String(m.replaceLines), String(m.widestCode)]);
  const sum = (pick: (m: ChapterMeasures) => number): string => String(measures.reduce((total, m) => total + pick(m), 0));
  rows.push(["all", sum((m) => m.lines), sum((m) => m.proseWords), sum((m) => m.codeLines), percent(testShare(measures)),
    sum((m) => m.diagrams), sum((m) => m.replaceLines), String(Math.max(0, ...measures.map((m) => m.widestCode)))]);
  const header = ["chapter", "lines", "prose words", "code lines shown", "test share", "diagrams", "replace lines", "widest code"];
  return [header, header.map(() => "---"), ...rows].map((row) => `| ${row.join(" | ")} |`).join("\n");
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
