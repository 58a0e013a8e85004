import type { Chapter } from "../literate/chapters.ts";
import type { SourceLocation } from "../literate/location.ts";
import { readFences } from "../literate/read-fences.ts";

/** One `$ command` of a transcript and what the text says it prints. */
export interface TranscriptStep {
  /** The command as typed, without `$ ` and without a trailing ` &`. */
  readonly command: string;
  /** True for `command &`: started in the background, left running. */
  readonly background: boolean;
  /** The lines the text shows after the command; a line `...` stands for any lines. */
  readonly expected: readonly string[];
  /** Where the command is in the chapter. */
  readonly location: SourceLocation;
}

/** A "Try it" fence: ```` ```console try ````. */
export interface Transcript {
  readonly location: SourceLocation;
  readonly steps: readonly TranscriptStep[];
}

/** Reads the "Try it" transcripts of a chapter, in order. */
export function readTranscripts(chapter: Chapter): Transcript[] {
  return readFences(chapter).fences
    .filter((fence) => fence.info.language === "console" && fence.info.flags.includes("try"))
    .map((fence) => ({ location: fence.location, steps: parseSteps(fence.code, chapter.file, fence.firstCodeLine) }));
}

function parseSteps(code: string, file: string, firstLine: number): TranscriptStep[] {
  const steps: { command: string; background: boolean; expected: string[]; location: SourceLocation }[] = [];
  code.replace(/\n$/, "").split("\n").forEach((line, index) => {
    if (line.startsWith("$ ")) {
      const typed = line.slice(2).trim();
      const background = typed.endsWith(" &");
      const command = background ? typed.slice(0, -2).trim() : typed;
      steps.push({ command, background, expected: [], location: { file, line: firstLine + index } });
    } else {
      steps.at(-1)?.expected.push(line);
    }
  });
  return steps;
}

/** Whether `actual` lines match `expected` lines, where an expected `...` line matches any lines. */
export function matchLines(expected: readonly string[], actual: readonly string[]): boolean {
  const [first, ...rest] = expected;
  if (first === undefined) return actual.length === 0;
  if (first.trim() === "...") {
    for (let skip = 0; skip <= actual.length; skip++) if (matchLines(rest, actual.slice(skip))) return true;
    return false;
  }
  return actual.length > 0 && actual[0] === first.trimEnd() && matchLines(rest, actual.slice(1));
}

/** Splits output into lines for comparison: no colour codes, no trailing spaces, no trailing blank lines. */
export function outputLines(output: string): string[] {
  // eslint-disable-next-line no-control-regex
  const lines = output.replace(/\x1b\[[0-9;]*m/g, "").replace(/\r/g, "").split("\n").map((line) => line.trimEnd());
  while (lines.length > 0 && lines.at(-1) === "") lines.pop();
  return lines;
}

/** The two ways to run the Try its: see `ProvidedContext.transcriptRun`. */
export type TranscriptRun = "in order" | "each fresh";

declare module "vitest" {
  /** What `npm test` hands its transcript test (`inject`), instead of the test reading the chapters again. */
  interface ProvidedContext {
    /** The Try it transcripts to run: every chapter's, or one chapter's for `npm test -- --chapter N`. */
    transcripts: readonly Transcript[];
    /**
     * How to run them: all in order in one copy of the course, as a student reading the book does
     * (the whole `npm test`), or each in a fresh copy of its own, as a student who starts at that
     * chapter does (`npm test -- --chapter N`).
     */
    transcriptRun: TranscriptRun;
  }
}
