import path from "node:path";
import type { Chapter } from "../literate/chapters.ts";
import { describeTarget, targetKey, type FenceTarget } from "../literate/fence-info.ts";
import { readChunkReference } from "../literate/chunk-reference.ts";
import { LiterateError, formatLocation, type SourceLocation } from "../literate/location.ts";
import { readChapterFences, readFences, type Fence } from "../literate/read-fences.ts";

/** A line of a tangled file and the chapter line it came from (none for the header). */
export interface TangledLine {
  readonly text: string;
  readonly origin: SourceLocation | undefined;
  /** How many columns of indentation the tangler added in front of the chapter's text. */
  readonly shift: number;
}

/** One generated file of a snapshot. */
export interface TangledFile {
  /** Path relative to the snapshot root, e.g. `src/protocol/frame.ts`. */
  readonly path: string;
  /** The file's text, header included. */
  readonly content: string;
  /** Line `i` of `content` (0-based) came from `lines[i].origin`. */
  readonly lines: readonly TangledLine[];
}

/** The code as of one chapter: chapters 1..N tangled in order. */
export interface Snapshot {
  readonly chapter: Chapter;
  /** Files by path, in path order. */
  readonly files: ReadonlyMap<string, TangledFile>;
}

/** Every snapshot of the course, and every problem found while making them. */
export interface TangleResult {
  readonly snapshots: Snapshot[];
  readonly errors: LiterateError[];
}

/** A file or chunk as the chapters so far define it. */
interface Definition {
  readonly target: FenceTarget;
  /** The fences whose code makes up the definition, in order. */
  pieces: Fence[];
  /** The chapter that last defined, appended to or replaced it. */
  lastChangedIn: number;
}

/** File types the tangler writes, and how each starts the comment of its header. */
const COMMENT_PREFIXES: ReadonlyMap<string, string> = new Map([
  ...[".ts", ".tsx", ".mts", ".cts", ".js", ".mjs", ".cjs"].map((extension) => [extension, "//"] as const),
  [".py", "#"],
]);

/**
 * Tangles every chapter, in order, into one snapshot per chapter. `course` is the whole course
 * when `chapters` are only its first ones (`npm run chapter -- N`), so that an appendix fence for a
 * later chapter is not reported as naming a chapter the course does not have.
 */
export function tangle(chapters: readonly Chapter[], course: readonly Chapter[] = chapters): TangleResult {
  const definitions = new Map<string, Definition>();
  const errors = new ErrorList();
  const snapshots: Snapshot[] = [];
  for (const chapter of chapters) {
    const { fences, errors: readErrors } = readChapterFences(chapter);
    readErrors.forEach((error) => errors.add(error));
    for (const fence of fences) applyFence(definitions, fence, chapter, errors);
    snapshots.push(makeSnapshot(definitions, chapter, errors));
  }
  checkAppendixChapters(course, errors);
  return { snapshots, errors: errors.all() };
}

/** Reports an appendix fence that names a chapter the course does not have: its code would be lost. */
function checkAppendixChapters(chapters: readonly Chapter[], errors: ErrorList): void {
  const numbers = new Set(chapters.map((chapter) => chapter.number));
  for (const appendix of chapters[0]?.appendices ?? []) {
    for (const fence of readFences(appendix).fences) {
      const wanted = fence.info.chapter;
      if (wanted !== undefined && !numbers.has(wanted)) {
        errors.add(new LiterateError(fence.location, `chapter=${wanted}: the course has no chapter ${wanted}`));
      }
    }
  }
}

/** Keeps the first report of each problem: later snapshots would repeat it. */
class ErrorList {
  readonly #errors = new Map<string, LiterateError>();

  add(error: LiterateError): void {
    if (!this.#errors.has(error.message)) this.#errors.set(error.message, error);
  }

  all(): LiterateError[] {
    return [...this.#errors.values()];
  }
}

/** Adds one fence to the definitions, enforcing that redefinition is explicit. */
function applyFence(
  definitions: Map<string, Definition>,
  fence: Fence,
  chapter: Chapter,
  errors: ErrorList,
): void {
  const { target, mode } = fence.info;
  if (target === undefined) return;
  if (target.kind === "file") {
    const problem = checkPath(target.path);
    if (problem !== undefined) return errors.add(new LiterateError(fence.location, problem));
  }
  const key = targetKey(target);
  const existing = definitions.get(key);
  const name = describeTarget(target);
  if (mode === "define" && existing !== undefined) {
    const first = existing.pieces[0]?.location;
    const where = first === undefined ? "" : ` at ${formatLocation(first)}`;
    return errors.add(new LiterateError(fence.location,
      `${name} is already defined${where}; write \`append\` or \`replace\` in the fence to change it`));
  }
  if (mode !== "define" && existing === undefined) {
    return errors.add(new LiterateError(fence.location, `cannot ${mode} ${name}: it is not defined in this or an earlier chapter`));
  }
  if (existing === undefined || mode === "replace") {
    definitions.set(key, { target, pieces: [fence], lastChangedIn: chapter.number });
  } else {
    existing.pieces.push(fence);
    existing.lastChangedIn = chapter.number;
  }
}

/** Says what is wrong with a file path, or `undefined` if it is a fine path inside the snapshot. */
export function checkPath(filePath: string): string | undefined {
  const segments = filePath.split("/");
  if (filePath.startsWith("/") || /^[A-Za-z]:/.test(filePath) || filePath.includes("\\") || segments.includes("..")) {
    return `path ${filePath} escapes the snapshot root (use a relative path such as src/protocol/frame.ts)`;
  }
  if (path.posix.normalize(filePath) !== filePath || segments.includes(".")) {
    return `path ${filePath} is not in normal form (write ${path.posix.normalize(filePath)})`;
  }
  if (segments[0] !== "src" || segments.length < 2) {
    return `path ${filePath} is outside src/: tangled files live under src/`;
  }
  if (!COMMENT_PREFIXES.has(path.posix.extname(filePath))) {
    return `path ${filePath} is not a TypeScript, JavaScript or Python file (${[...COMMENT_PREFIXES.keys()].join(", ")})`;
  }
  return undefined;
}

/** Expands every file defined so far: the code as of `chapter`. */
function makeSnapshot(definitions: ReadonlyMap<string, Definition>, chapter: Chapter, errors: ErrorList): Snapshot {
  const expander = new Expander(definitions, errors);
  const files = new Map<string, TangledFile>();
  const fileDefinitions = [...definitions.values()].filter((d) => d.target.kind === "file");
  fileDefinitions.sort((a, b) => targetKey(a.target).localeCompare(targetKey(b.target)));
  for (const definition of fileDefinitions) {
    const file = expander.file(definition);
    files.set(file.path, file);
  }
  for (const definition of definitions.values()) {
    const { target } = definition;
    if (target.kind !== "chunk" || expander.used.has(target.name)) continue;
    // A chunk left behind when a later chapter replaces its user is dropped quietly;
    // a chunk the current chapter touches must be used by the current chapter's code.
    if (definition.lastChangedIn !== chapter.number) continue;
    const last = definition.pieces.at(-1);
    if (last !== undefined) {
      errors.add(new LiterateError(last.location, `${describeTarget(target)} is defined but never used by the end of ${chapter.file}`));
    }
  }
  return { chapter, files };
}

/** Expands chunk references, remembering which chunks were used. */
class Expander {
  readonly used = new Set<string>();

  constructor(
    private readonly definitions: ReadonlyMap<string, Definition>,
    private readonly errors: ErrorList,
  ) {}

  file(definition: Definition): TangledFile {
    const filePath = definition.target.kind === "file" ? definition.target.path : "";
    const body = this.expand(definition, "", []);
    const sources = [...new Set(body.flatMap((line) => (line.origin ? [line.origin.file] : [])))];
    const comment = COMMENT_PREFIXES.get(path.posix.extname(filePath)) ?? "//";
    const header: TangledLine[] = [
      { text: `${comment} Generated from the course text by \`npm run tangle\`: do not edit this file.`, origin: undefined, shift: 0 },
      { text: `${comment} To change it, edit ${sources.join(", ")}.`, origin: undefined, shift: 0 },
    ];
    const lines = [...header, ...body];
    const content = lines.map((line) => line.text).join("\n") + "\n";
    return { path: filePath, content, lines };
  }

  private expand(definition: Definition, indent: string, stack: readonly string[]): TangledLine[] {
    const out: TangledLine[] = [];
    for (const fence of definition.pieces) {
      const codeLines = fence.code.endsWith("\n") ? fence.code.slice(0, -1).split("\n") : fence.code.split("\n");
      if (fence.code === "") continue;
      codeLines.forEach((text, index) => {
        const origin = { file: fence.location.file, line: fence.firstCodeLine + index };
        const reference = readChunkReference(text);
        if (reference === undefined) {
          out.push({ text: text === "" ? "" : indent + text, origin, shift: indent.length });
        } else {
          out.push(...this.reference(reference.name, indent + reference.indent, stack, origin));
        }
      });
    }
    return out;
  }

  private reference(name: string, indent: string, stack: readonly string[], origin: SourceLocation): TangledLine[] {
    const definition = this.definitions.get(`chunk:${name}`);
    if (definition === undefined) {
      this.errors.add(new LiterateError(origin, `reference to undefined chunk «${name}»`));
      return [];
    }
    if (stack.includes(name)) {
      const cycle = [...stack.slice(stack.indexOf(name)), name].map((n) => `«${n}»`).join(" → ");
      this.errors.add(new LiterateError(origin, `chunk «${name}» uses itself: ${cycle}`));
      return [];
    }
    this.used.add(name);
    return this.expand(definition, indent, [...stack, name]);
  }
}

/** The snapshots of `chapters`; throws, naming every problem and where it is, when they do not tangle. */
export function tangleOrThrow(chapters: readonly Chapter[]): Snapshot[] {
  const { snapshots, errors } = tangle(chapters);
  if (errors.length > 0) throw new Error(`the chapters do not tangle:\n${errors.map((error) => error.message).join("\n")}`);
  return snapshots;
}
