import { describe, expect, it } from "vitest";
import { LineDecoder } from "./line-decoder.ts";

const bytes = (text: string) => Buffer.from(text, "utf8");

describe("LineDecoder", () => {
  it("decodes one line into its message", () => {
    expect(new LineDecoder().push(bytes('["GET_CAR_DETAILS","024 HYR"]\n'))).toEqual([["GET_CAR_DETAILS", "024 HYR"]]);
  });

  it("decodes every line of a chunk that holds several", () => {
    expect(new LineDecoder().push(bytes('[1]\n"two"\n{"three":3}\n'))).toEqual([[1], "two", { three: 3 }]);
  });

  it("keeps a partial line until its newline arrives", () => {
    const decoder = new LineDecoder();
    expect(decoder.push(bytes('["Jack '))).toEqual([]);
    expect(decoder.push(bytes('Lemon"]\n'))).toEqual([["Jack Lemon"]]);
  });

  it("decodes a character whose bytes are split between two chunks", () => {
    const line = bytes('["Zoë"]\n');
    const split = line.indexOf(0xc3) + 1; // between the two bytes of "ë"
    const decoder = new LineDecoder();
    expect([...decoder.push(line.subarray(0, split)), ...decoder.push(line.subarray(split))]).toEqual([["Zoë"]]);
  });

  it("accepts \\r\\n line endings", () => {
    expect(new LineDecoder().push(bytes('"a"\r\n"b"\r\n'))).toEqual(["a", "b"]);
  });

  it("skips empty lines", () => {
    expect(new LineDecoder().push(bytes('\n\n[1]\n\r\n'))).toEqual([[1]]);
  });

  it("rejects a line longer than the limit before its newline arrives", () => {
    const decoder = new LineDecoder({ maxLineBytes: 8 });
    expect(() => decoder.push(bytes('"123456789'))).toThrow(expect.objectContaining({ name: "FrameError", reason: "too-large" }));
  });

  it("rejects a line that is not JSON", () => {
    expect(() => new LineDecoder().push(bytes("GET_CAR_DETAILS 024 HYR\n"))).toThrow(
      expect.objectContaining({ name: "FrameError", reason: "invalid-json" }),
    );
  });

  it("is mid-line while a line has no newline yet", () => {
    const decoder = new LineDecoder();
    decoder.push(bytes("[1"));
    expect(decoder.isMidLine).toBe(true);
    decoder.push(bytes("]\n"));
    expect(decoder.isMidLine).toBe(false);
  });
});
