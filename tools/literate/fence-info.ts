/**
 * The literate fence syntax, read from a code fence's info string.
 *
 *     ```ts file=src/protocol/frame.ts            defines a file
 *     ```ts chunk="encode the payload"            defines a named chunk
 *     ```ts chunk="encode the payload" append     adds to an earlier definition
 *     ```ts file=src/server/main.ts replace       replaces an earlier definition
 *     ```ts file=src/testing/listen.ts chapter=2  (in the appendix) tangled with chapter 2
 *
 * A fence with neither `file=` nor `chunk=` is an illustration and is not tangled.
 * This module is the one reading of that syntax: the tangler and the site both use it.
 */

/** What a tangled fence does to its target. */
export type FenceMode = "define" | "append" | "replace";

/** What a tangled fence contributes: a whole file or a named chunk. */
export type FenceTarget =
  | { readonly kind: "file"; readonly path: string }
  | { readonly kind: "chunk"; readonly name: string };

/** The parsed info string of one fence. */
export interface FenceInfo {
  /** The highlighting language, the info string's first word (may be empty). */
  readonly language: string;
  /** What the fence contributes, or `undefined` for an illustration. */
  readonly target: FenceTarget | undefined;
  /** How the contribution combines with earlier ones. */
  readonly mode: FenceMode;
  /** Bare words after the language that are not literate flags (e.g. `try` on a transcript). */
  readonly flags: readonly string[];
  /**
   * The chapter whose code the fence belongs to (`chapter=4`), for fences outside the chapters'
   * own files: the appendix's test helpers arrive with the chapter that first needs them.
   */
  readonly chapter?: number;
}

/** The `key=value` attributes the syntax knows; any other key is a mistake worth reporting. */
const KNOWN_KEYS = new Set(["file", "chunk", "chapter"]);

/** Thrown for an info string that cannot be read; the caller adds the location. */
export class FenceInfoError extends Error {
  override readonly name = "FenceInfoError";
}

/** Splits an info string into words, keeping `key="quoted value"` together. */
function splitWords(info: string): string[] {
  const words: string[] = [];
  const pattern = /([^\s"=]+)=("(?:[^"\\]|\\.)*"|\S*)|"(?:[^"\\]|\\.)*"|\S+/g;
  for (const match of info.matchAll(pattern)) words.push(match[0]);
  return words;
}

/** Removes the quotes around a quoted value and undoes its escapes. */
function unquote(value: string): string {
  if (!value.startsWith('"')) return value;
  if (value.length < 2 || !value.endsWith('"')) {
    throw new FenceInfoError(`unterminated quoted value ${value}`);
  }
  return value.slice(1, -1).replace(/\\(.)/g, "$1");
}

/** Parses a fence's info string; throws {@link FenceInfoError} on a malformed literate marker. */
export function parseFenceInfo(info: string): FenceInfo {
  const [language = "", ...rest] = splitWords(info.trim());
  const attributes = new Map<string, string>();
  const flags: string[] = [];
  for (const word of rest) {
    const equals = word.indexOf("=");
    if (equals <= 0) {
      flags.push(word);
      continue;
    }
    const key = word.slice(0, equals);
    if (!KNOWN_KEYS.has(key)) {
      throw new FenceInfoError(`unknown attribute "${key}" (expected file=, chunk= or chapter=)`);
    }
    if (attributes.has(key)) throw new FenceInfoError(`attribute "${key}" given twice`);
    const value = unquote(word.slice(equals + 1));
    if (value.trim() === "") throw new FenceInfoError(`attribute "${key}" has an empty value`);
    attributes.set(key, value);
  }
  const chapter = readChapterNumber(attributes.get("chapter"));
  const parsed = { language, ...readTarget(attributes, flags) };
  if (chapter === undefined) return parsed;
  if (parsed.target === undefined) throw new FenceInfoError("chapter= belongs on a fence that defines a file= or a chunk=");
  return { ...parsed, chapter };
}

/** Reads `chapter=N`: a chapter number such as `4` or `04`. */
function readChapterNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,2}$/.test(value) || Number(value) === 0) {
    throw new FenceInfoError(`chapter=${value} is not a chapter number (write e.g. chapter=4)`);
  }
  return Number(value);
}

/** Works out the target and mode from the attributes, taking the mode words out of `flags`. */
function readTarget(
  attributes: ReadonlyMap<string, string>,
  flags: string[],
): { target: FenceTarget | undefined; mode: FenceMode; flags: string[] } {
  const file = attributes.get("file");
  const chunk = attributes.get("chunk");
  if (file !== undefined && chunk !== undefined) {
    throw new FenceInfoError("a fence defines either a file= or a chunk=, not both");
  }
  const target: FenceTarget | undefined =
    file !== undefined ? { kind: "file", path: file }
    : chunk !== undefined ? { kind: "chunk", name: chunk.trim() }
    : undefined;
  if (target === undefined) return { target, mode: "define", flags };
  const modes = flags.filter((flag) => flag === "append" || flag === "replace");
  if (modes.length > 1) throw new FenceInfoError("a fence can be append or replace, not both");
  const others = flags.filter((flag) => flag !== "append" && flag !== "replace");
  if (others.length > 0) {
    throw new FenceInfoError(`unknown word "${others[0]}" (expected append or replace)`);
  }
  return { target, mode: (modes[0] as FenceMode | undefined) ?? "define", flags: [] };
}

/** How a target is named in messages: `file src/x.ts` or `chunk «name»`. */
export function describeTarget(target: FenceTarget): string {
  return target.kind === "file" ? `file ${target.path}` : `chunk «${target.name}»`;
}

/** The key of a file or chunk, e.g. `file:src/x.ts` or `chunk:encode the payload`: two fences with one key write the same thing. */
export function targetKey(target: FenceTarget): string {
  return target.kind === "file" ? `file:${target.path}` : `chunk:${target.name}`;
}
