import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LineDecoder } from "../line-decoder.ts";

describe("LineDecoder, hidden", () => {
  it("decodes any messages, whatever chunks the stream is cut into", () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), fc.array(fc.nat(), { maxLength: 8 }), (messages, cuts) => {
        const stream = Buffer.from(messages.map((message) => `${JSON.stringify(message)}\n`).join(""), "utf8");
        const points = [...new Set(cuts.map((cut) => cut % (stream.length + 1)))].sort((a, b) => a - b);
        const decoder = new LineDecoder();
        const decoded: unknown[] = [];
        let start = 0;
        for (const point of [...points, stream.length]) {
          decoded.push(...decoder.push(stream.subarray(start, point)));
          start = point;
        }
        expect(decoded).toEqual(JSON.parse(JSON.stringify(messages)));
      }),
    );
  });

  it("rejects a line that is not UTF-8", () => {
    expect(() => new LineDecoder().push(Uint8Array.of(0x22, 0xff, 0x22, 0x0a))).toThrow(
      expect.objectContaining({ reason: "invalid-utf8" }),
    );
  });

  it("accepts a line of exactly the limit", () => {
    expect(new LineDecoder({ maxLineBytes: 5 }).push(Buffer.from('"abc"\n'))).toEqual(["abc"]);
  });
});
