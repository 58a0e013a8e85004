/** A place in a chapter, for messages that say where a problem is. */
export interface SourceLocation {
  /** The chapter file, relative to the repository root (e.g. `chapters/01-wire-format.md`). */
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;
}

/** Formats a location the way editors and terminals link it: `file:line`. */
export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}`;
}

/** A problem in the course text, reported at `chapter-file:line`. */
export class LiterateError extends Error {
  override readonly name = "LiterateError";

  constructor(
    readonly location: SourceLocation,
    readonly problem: string,
  ) {
    super(`${formatLocation(location)}: ${problem}`);
  }
}
