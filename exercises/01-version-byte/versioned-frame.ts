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
  throw new Error("Not implemented yet: encodeVersionedFrame (see the README)");
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

  constructor(options: VersionedFrameDecoderOptions = {}) {
    this.#maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
    this.#version = options.version ?? PROTOCOL_VERSION;
  }

  /** Feeds the next chunk; returns the messages of the frames it completes, in order. */
  push(chunk: Uint8Array): unknown[] {
    throw new Error("Not implemented yet: VersionedFrameDecoder.push (see the README)");
  }

  /** True while part of a frame has arrived and the rest has not. */
  get isMidFrame(): boolean {
    throw new Error("Not implemented yet: VersionedFrameDecoder.isMidFrame (see the README)");
  }
}
