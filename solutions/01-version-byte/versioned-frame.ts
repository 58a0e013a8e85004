import { FrameDecoder } from "#chapter-01/protocol/frame-decoder.ts";
import { FrameError } from "#chapter-01/protocol/frame-error.ts";
import { DEFAULT_MAX_PAYLOAD_BYTES, HEADER_BYTES, encodeFrame } from "#chapter-01/protocol/frame.ts";

/** The version of the protocol this code speaks. */
export const PROTOCOL_VERSION = 2;

/** A versioned frame's header: one version byte, then the 4-byte big-endian payload length. */
export const VERSIONED_HEADER_BYTES = 1 + HEADER_BYTES;

/** A frame of a protocol version this peer does not speak. */
export class VersionMismatchError extends Error {
  override readonly name = "VersionMismatchError";

  constructor(
    /** The version byte the frame carried. */
    readonly received: number,
    /** The version this peer speaks. */
    readonly expected: number,
  ) {
    super(`Incompatible protocol version ${received}: this program speaks version ${expected}`);
  }
}

/**
 * Encodes a message as a versioned frame: the version byte, then a chapter-1 frame (4-byte length,
 * UTF-8 JSON payload).
 */
export function encodeVersionedFrame(message: unknown, version: number = PROTOCOL_VERSION): Buffer {
  // BEGIN SOLUTION
  return Buffer.concat([Buffer.of(version), encodeFrame(message)]);
  // STARTER
  // throw new Error("Not implemented yet: encodeVersionedFrame (see the README)");
  // END SOLUTION
}

/** Settings for a {@link VersionedFrameDecoder}. */
export interface VersionedFrameDecoderOptions {
  /** The longest payload accepted, in bytes. Default 1 MiB. */
  maxPayloadBytes?: number;
  /** The only version accepted. Default {@link PROTOCOL_VERSION}. */
  version?: number;
}

/**
 * Reassembles versioned frames from chunks of a byte stream. A frame of another version is
 * rejected with a {@link VersionMismatchError} as soon as its version byte arrives.
 */
export class VersionedFrameDecoder {
  readonly #maxPayloadBytes: number;
  readonly #version: number;
  // BEGIN SOLUTION
  #pending: Buffer = Buffer.alloc(0);
  // END SOLUTION

  constructor(options: VersionedFrameDecoderOptions = {}) {
    this.#maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
    this.#version = options.version ?? PROTOCOL_VERSION;
  }

  /** Feeds the next chunk; returns the messages of the frames it completes, in order. */
  push(chunk: Uint8Array): unknown[] {
    // BEGIN SOLUTION
    this.#pending = Buffer.concat([this.#pending, chunk]);
    const messages: unknown[] = [];
    while (this.#pending.length > 0) {
      const version = this.#pending[0] ?? 0;
      if (version !== this.#version) throw new VersionMismatchError(version, this.#version);
      if (this.#pending.length < VERSIONED_HEADER_BYTES) break;
      const length = this.#pending.readUInt32BE(1);
      if (length > this.#maxPayloadBytes) {
        throw new FrameError("too-large", `the frame declares ${length} payload bytes; the limit is ${this.#maxPayloadBytes}`);
      }
      if (this.#pending.length < VERSIONED_HEADER_BYTES + length) break;
      // Past the version byte, the frame is a chapter-1 frame: let the course's decoder read it.
      const frame = this.#pending.subarray(1, VERSIONED_HEADER_BYTES + length);
      this.#pending = this.#pending.subarray(VERSIONED_HEADER_BYTES + length);
      messages.push(...new FrameDecoder({ maxPayloadBytes: this.#maxPayloadBytes }).push(frame));
    }
    return messages;
    // STARTER
    // throw new Error("Not implemented yet: VersionedFrameDecoder.push (see the README)");
    // END SOLUTION
  }

  /** True while part of a frame has arrived and the rest has not. */
  get isMidFrame(): boolean {
    // BEGIN SOLUTION
    return this.#pending.length > 0;
    // STARTER
    // throw new Error("Not implemented yet: VersionedFrameDecoder.isMidFrame (see the README)");
    // END SOLUTION
  }
}
