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
  // BEGIN SOLUTION
  readonly #utf8 = new TextDecoder("utf-8", { fatal: true });
  #pending: Buffer = Buffer.alloc(0);
  // END SOLUTION

  constructor(options: LineDecoderOptions = {}) {
    this.#maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  }

  /**
   * Feeds the next chunk; returns the messages of the lines it completes, in order.
   *
   * @throws {FrameError} `"too-large"` as soon as a line grows past the limit, `"invalid-utf8"`, `"invalid-json"`.
   */
  push(chunk: Uint8Array): unknown[] {
    // BEGIN SOLUTION
    // Work on bytes, not text: a chunk can end in the middle of a character.
    this.#pending = Buffer.concat([this.#pending, chunk]);
    const messages: unknown[] = [];
    let end: number;
    while ((end = this.#pending.indexOf(NEWLINE)) >= 0) {
      const line = this.#pending.subarray(0, end > 0 && this.#pending[end - 1] === CARRIAGE_RETURN ? end - 1 : end);
      this.#pending = this.#pending.subarray(end + 1);
      this.#checkLength(line.length);
      if (line.length > 0) messages.push(this.#decode(line));
    }
    this.#checkLength(this.#pending.length);
    return messages;
    // STARTER
    // throw new Error("Not implemented yet: LineDecoder.push (see the README)");
    // END SOLUTION
  }

  /** True while part of a line has arrived and its line ending has not. */
  get isMidLine(): boolean {
    // BEGIN SOLUTION
    return this.#pending.length > 0;
    // STARTER
    // throw new Error("Not implemented yet: LineDecoder.isMidLine (see the README)");
    // END SOLUTION
  }
  // BEGIN SOLUTION

  #checkLength(bytes: number): void {
    if (bytes > this.#maxLineBytes) {
      throw new FrameError("too-large", `a line of more than ${this.#maxLineBytes} bytes`);
    }
  }

  #decode(line: Uint8Array): unknown {
    let text: string;
    try {
      text = this.#utf8.decode(line);
    } catch (error) {
      throw new FrameError("invalid-utf8", "a line is not valid UTF-8", { cause: error });
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new FrameError("invalid-json", "a line is not valid JSON", { cause: error });
    }
  }
  // END SOLUTION
}
