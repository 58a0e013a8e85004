/**
 * The other half of the fence syntax: inside a tangled fence, a line whose whole content is
 * `// «chunk name»` (any indentation) stands for the chunk of that name. The tangler expands
 * these lines; the site turns them into links. Both read them here.
 */

/** A reference to a chunk found on one line of code. */
export interface ChunkReference {
  /** The whitespace before the comment; the chunk's lines are indented by it. */
  readonly indent: string;
  /** The chunk's name, trimmed. */
  readonly name: string;
}

const REFERENCE = /^(\s*)\/\/ «(.+)»\s*$/;

/** Reads a chunk reference from a line of code, or returns `undefined` for an ordinary line. */
export function readChunkReference(line: string): ChunkReference | undefined {
  const match = REFERENCE.exec(line);
  if (match === null) return undefined;
  return { indent: match[1] ?? "", name: (match[2] ?? "").trim() };
}
