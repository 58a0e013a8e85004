import { FrameError } from "#chapter-01/protocol/frame-error.ts";

/** The longest line accepted unless told otherwise: 1 MiB, as for chapter-1 frames. */
export const DEFAULT_MAX_LINE_BYTES = 1_048_576;

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** Settings for a {@link LineDecoder}. */
export interface LineDecoderOptions {
  /** The longest line accepted, in bytes, without its line ending. */
  maxLineBytes?: number;
}

/**
 * Decodes newline-delimited JSON: each message is one line of UTF-8 JSON ending in `\n` (or `\r\n`).
 * Empty lines are skipped. Chunks may be cut anywhere, even inside a multi-byte character.
 */
export class LineDecoder {
  readonly #maxLineBytes: number;

  constructor(options: LineDecoderOptions = {}) {
    this.#maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  }

  /**
   * Feeds the next chunk; returns the messages of the lines it completes, in order.
   *
   * @throws {FrameError} `"too-large"` as soon as a line grows past the limit, `"invalid-utf8"`, `"invalid-json"`.
   */
  push(chunk: Uint8Array): unknown[] {
    throw new Error("Not implemented yet: LineDecoder.push (see the README)");
  }

  /** True while part of a line has arrived and its line ending has not. */
  get isMidLine(): boolean {
    throw new Error("Not implemented yet: LineDecoder.isMidLine (see the README)");
  }
}
