/**
 * The cross-reference index of the course: for every fence, what it defines, which chunks it
 * uses, which files its lines end up in, and the other fences that define, change or use the
 * same file or chunk. It is built from the tangler's own reading of the chapters, so the site's
 * links say exactly what the tangler does.
 */
import type { Chapter, CourseText } from "./chapters.ts";
import { readChunkReference } from "./chunk-reference.ts";
import { targetKey, type FenceTarget } from "./fence-info.ts";
import { formatLocation } from "./location.ts";
import { readFences, type Fence } from "./read-fences.ts";
import { tangleOrThrow, type Snapshot } from "../tangle/tangle.ts";

/** One fence of a chapter, with what the index knows about it. */
export interface IndexedFence {
  /** The chapter whose code the fence belongs to (the first chapter, for an appendix's illustration). */
  readonly chapter: Chapter;
  /** The file the fence is written in: the chapter, its tests or an appendix. */
  readonly document: string;
  readonly fence: Fence;
  /** The fence's position among all fences of its document, illustrations included (0-based). */
  readonly ordinal: number;
  /** An id for the fence, unique in its document (`file-src-protocol-frame-ts`), for tangled fences. */
  readonly anchor: string | undefined;
  /** The chunks the fence's code refers to, in order of appearance. */
  readonly uses: readonly string[];
  /** The snapshot files (as of the fence's chapter) that contain lines of this fence. */
  readonly files: readonly string[];
  /** The names the fence's code exports (`export function encodeFrame` gives `encodeFrame`). */
  readonly exports: readonly string[];
}

/** A top-level `export` declaration, with the declared name in group 1. */
const EXPORT = /^export\s+(?:declare\s+)?(?:default\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\*?|class|const|let|var|interface|type|enum)\s+([A-Za-z_$][\w$]*)/;

/** Turns a file path or chunk name into a readable HTML id. */
export function anchorFor(target: FenceTarget): string {
  const words = target.kind === "file" ? target.path : target.name;
  const slug = words.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return `${target.kind}-${slug}`;
}

/** Every fence of the course, indexed for the site. */
export class CrossReferences {
  readonly #byDocument = new Map<string, IndexedFence[]>();
  readonly #byTarget = new Map<string, IndexedFence[]>();
  readonly #usersOf = new Map<string, IndexedFence[]>();
  readonly #introductions = new Map<string, IndexedFence>();

  /** Indexes the chapters; fails, naming the places, when the chapters do not tangle. */
  static build(chapters: readonly Chapter[]): CrossReferences {
    return new CrossReferences(chapters, tangleOrThrow(chapters));
  }

  private constructor(
    readonly chapters: readonly Chapter[],
    readonly snapshots: readonly Snapshot[],
  ) {
    const fileOfLine = new Map(chapters.map((chapter, index) => {
      const snapshot = snapshots[index];
      return [chapter, snapshot === undefined ? new Map<string, string>() : linesToFiles(snapshot)] as const;
    }));
    const linesOf = (chapter: Chapter): ReadonlyMap<string, string> => fileOfLine.get(chapter) ?? new Map();
    for (const chapter of chapters) {
      for (const own of [chapter, ...(chapter.tests === undefined ? [] : [chapter.tests])]) {
        this.#indexDocument(own, linesOf, () => chapter);
      }
    }
    const first = chapters[0];
    if (first === undefined) return;
    const appendices = first.appendices ?? [];
    for (const appendix of appendices) {
      this.#indexDocument(appendix, linesOf, (fence) => chapters.find((chapter) => chapter.number === fence.info.chapter) ?? first);
    }
    // In the tangler's order: a chapter's fences from the appendices, then its own, then its tests'.
    for (const chapter of chapters) {
      for (const appendix of appendices) {
        this.fencesOf(appendix.file).filter((entry) => entry.chapter === chapter && entry.fence.info.chapter !== undefined).forEach((entry) => this.#register(entry));
      }
      this.fencesOf(chapter.file).forEach((entry) => this.#register(entry));
      if (chapter.tests !== undefined) this.fencesOf(chapter.tests.file).forEach((entry) => this.#register(entry));
    }
  }

  #indexDocument(
    document: CourseText,
    linesOf: (chapter: Chapter) => ReadonlyMap<string, string>,
    chapterOf: (fence: Fence) => Chapter,
  ): void {
    const taken = new Set<string>();
    const entries = readFences(document).fences.map((fence, ordinal) => {
      const chapter = chapterOf(fence);
      return this.#index(chapter, document.file, fence, ordinal, linesOf(chapter), taken);
    });
    this.#byDocument.set(document.file, entries);
  }

  #index(chapter: Chapter, document: string, fence: Fence, ordinal: number, fileOfLine: ReadonlyMap<string, string>, taken: Set<string>): IndexedFence {
    const { target } = fence.info;
    const lines = fence.code.split("\n");
    const uses = target === undefined ? [] : lines.flatMap((line) => readChunkReference(line)?.name ?? []);
    const files = new Set<string>();
    lines.forEach((_, offset) => {
      const file = fileOfLine.get(formatLocation({ file: document, line: fence.firstCodeLine + offset }));
      if (file !== undefined) files.add(file);
    });
    const exports = target === undefined ? [] : lines.flatMap((line) => EXPORT.exec(line)?.[1] ?? []);
    const entry: IndexedFence = {
      chapter, document, fence, ordinal, uses: [...new Set(uses)], files: [...files], exports,
      anchor: target === undefined ? undefined : uniqueAnchor(anchorFor(target), taken),
    };
    return entry;
  }

  /** Records what a tangled fence defines, uses and exports; called in course order. */
  #register(entry: IndexedFence): void {
    const { target } = entry.fence.info;
    if (target === undefined) return;
    push(this.#byTarget, targetKey(target), entry);
    for (const name of entry.uses) push(this.#usersOf, name, entry);
    for (const name of entry.exports) if (!this.#introductions.has(name)) this.#introductions.set(name, entry);
  }

  /** True for a file whose fences the index holds: a chapter, a chapter's tests or an appendix. */
  indexes(file: string): boolean {
    return this.#byDocument.has(file);
  }

  /** Every fence of a document (by its file, e.g. `chapters/NN-slug.md`), in order. */
  fencesOf(file: string): readonly IndexedFence[] {
    return this.#byDocument.get(file) ?? [];
  }

  /** Every fence that defines, appends to or replaces `target`, in course order. */
  history(target: FenceTarget): readonly IndexedFence[] {
    return this.#byTarget.get(targetKey(target)) ?? [];
  }

  /** Every tangled fence whose code refers to the chunk `name`, in course order. */
  usersOf(name: string): readonly IndexedFence[] {
    return this.#usersOf.get(name) ?? [];
  }

  /**
   * The definition of chunk `name` that a reader of chapter `chapterNumber` should see: the
   * last fence of that chapter or an earlier one, or else the first fence anywhere.
   */
  chunkDefinition(name: string, chapterNumber: number): IndexedFence | undefined {
    const fences = this.history({ kind: "chunk", name });
    return fences.filter((entry) => entry.chapter.number <= chapterNumber).at(-1) ?? fences[0];
  }

  /** The fence where an exported name first appears in the course. */
  introductionOf(name: string): IndexedFence | undefined {
    return this.#introductions.get(name);
  }
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function uniqueAnchor(base: string, taken: Set<string>): string {
  let anchor = base;
  for (let n = 2; taken.has(anchor); n += 1) anchor = `${base}-${n}`;
  taken.add(anchor);
  return anchor;
}

/** Maps `chapter-file:line` to the snapshot file that line ended up in. */
function linesToFiles(snapshot: Snapshot): Map<string, string> {
  const map = new Map<string, string>();
  for (const file of snapshot.files.values()) {
    for (const line of file.lines) {
      if (line.origin !== undefined) map.set(formatLocation(line.origin), file.path);
    }
  }
  return map;
}
