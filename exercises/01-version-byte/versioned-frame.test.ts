import { describe, expect, it } from "vitest";
import { FrameError } from "#chapter-01/protocol/frame-error.ts";
import { encodeFrame } from "#chapter-01/protocol/frame.ts";
import { encodeVersionedFrame, PROTOCOL_VERSION, VersionedFrameDecoder, VersionMismatchError } from "./versioned-frame.ts";

const request = ["GET_CAR_DETAILS", "024 HYR"];

describe("encodeVersionedFrame", () => {
  it("puts the version byte before a chapter-1 frame", () => {
    const frame = encodeVersionedFrame(request);
    expect(frame[0]).toBe(PROTOCOL_VERSION);
    expect(frame.subarray(1)).toEqual(encodeFrame(request));
  });

  it("writes the version it is given", () => {
    expect(encodeVersionedFrame(request, 7)[0]).toBe(7);
  });
});

describe("VersionedFrameDecoder", () => {
  it("decodes a frame of its own version", () => {
    expect(new VersionedFrameDecoder().push(encodeVersionedFrame(request))).toEqual([request]);
  });

  it("decodes a frame that arrives one byte at a time", () => {
    const decoder = new VersionedFrameDecoder();
    const frame = encodeVersionedFrame(request);
    const messages = [...frame].flatMap((byte) => decoder.push(Uint8Array.of(byte)));
    expect(messages).toEqual([request]);
  });

  it("decodes every frame of a chunk that holds several", () => {
    const chunk = Buffer.concat([encodeVersionedFrame([1]), encodeVersionedFrame("two"), encodeVersionedFrame({ three: 3 })]);
    expect(new VersionedFrameDecoder().push(chunk)).toEqual([[1], "two", { three: 3 }]);
  });

  it("rejects a frame of another version as soon as its version byte arrives, naming both versions", () => {
    const decoder = new VersionedFrameDecoder({ version: 2 });
    let error: unknown;
    try {
      decoder.push(Uint8Array.of(1));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(VersionMismatchError);
    expect(error).toMatchObject({ received: 1, expected: 2 });
    expect((error as Error).message).toMatch(/version 1.*version 2/);
  });

  it("rejects a declared length over the limit before the payload arrives", () => {
    const decoder = new VersionedFrameDecoder({ maxPayloadBytes: 10 });
    const header = Buffer.from([PROTOCOL_VERSION, 0, 0, 0, 11]);
    expect(() => decoder.push(header)).toThrow(FrameError);
    expect(() => new VersionedFrameDecoder({ maxPayloadBytes: 10 }).push(header)).toThrow(expect.objectContaining({ reason: "too-large" }));
  });

  it("is mid-frame after a lone version byte, and not after a whole frame", () => {
    const decoder = new VersionedFrameDecoder();
    decoder.push(Uint8Array.of(PROTOCOL_VERSION));
    expect(decoder.isMidFrame).toBe(true);
    decoder.push(encodeVersionedFrame(request).subarray(1));
    expect(decoder.isMidFrame).toBe(false);
  });
});
