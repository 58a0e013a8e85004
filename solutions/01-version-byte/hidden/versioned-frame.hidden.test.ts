import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeVersionedFrame, VersionedFrameDecoder, VersionMismatchError } from "../versioned-frame.ts";

describe("VersionedFrameDecoder, hidden", () => {
  it("decodes any sequence of messages, whatever chunks the stream is cut into", () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), fc.array(fc.nat(), { maxLength: 8 }), (messages, cuts) => {
        const stream = Buffer.concat(messages.map((message) => encodeVersionedFrame(message)));
        const points = [...new Set(cuts.map((cut) => cut % (stream.length + 1)))].sort((a, b) => a - b);
        const decoder = new VersionedFrameDecoder();
        const decoded: unknown[] = [];
        let start = 0;
        for (const point of [...points, stream.length]) {
          decoded.push(...decoder.push(stream.subarray(start, point)));
          start = point;
        }
        expect(decoded).toEqual(JSON.parse(JSON.stringify(messages)));
        expect(decoder.isMidFrame).toBe(false);
      }),
    );
  });

  it("rejects a frame of another version that follows a good frame in the same chunk", () => {
    const chunk = Buffer.concat([encodeVersionedFrame(["ok"], 2), encodeVersionedFrame(["old"], 1)]);
    expect(() => new VersionedFrameDecoder({ version: 2 }).push(chunk)).toThrow(VersionMismatchError);
  });
});
