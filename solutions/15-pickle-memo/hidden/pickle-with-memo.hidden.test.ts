import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodePickle, type PickleValue } from "#chapter-12/protocol/pickle/decode-pickle.ts";
import { encodePickle } from "#chapter-12/protocol/pickle/encode-pickle.ts";
import { encodePickleWithMemo } from "../pickle-with-memo.ts";

/** Values of the subset, with few distinct strings, so that many repeat. */
const pickleValue: fc.Arbitrary<PickleValue> = fc.letrec<{ value: PickleValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.maxSafeInteger(),
    fc.constantFrom("024 HYR", "Jack Lemon", "Zoë", ""),
    fc.string({ unit: "binary", maxLength: 4 }),
    fc.array(tie("value"), { maxLength: 5 }),
  ),
})).value;

const count = (haystack: Buffer, needle: Buffer) => {
  let found = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) found++;
  return found;
};

describe("encodePickleWithMemo, hidden", () => {
  it("reads back with chapter 11's decodePickle as the value it was given, whatever the value", () => {
    fc.assert(fc.property(pickleValue, (value) => {
      expect(decodePickle(encodePickleWithMemo(value))).toEqual(value);
    }), { numRuns: 300 });
  });

  it("keeps arrays shared at any depth shared, and writes them once", () => {
    const car = ["024 HYR", 2];
    const value = [[car, [car]], car, [[[car]]]];
    const pickle = encodePickleWithMemo(value);
    expect(count(pickle, Buffer.from("024 HYR"))).toBe(1);
    const decoded = decodePickle(pickle) as unknown as [[unknown, [unknown]], unknown, [[[unknown]]]];
    expect(decoded).toEqual(value);
    expect(decoded[1]).toBe(decoded[0][0]);
    expect(decoded[0][1][0]).toBe(decoded[1]);
    expect(decoded[2][0][0][0]).toBe(decoded[1]);
  });

  it("writes a string repeated a thousand times once, in a pickle a fraction of encodePickle's", () => {
    const rows = Array.from({ length: 1000 }, (_, index) => [index, "Guido van Rossum"]);
    const pickle = encodePickleWithMemo(rows);
    expect(count(pickle, Buffer.from("Guido van Rossum"))).toBe(1);
    expect(pickle.length).toBeLessThan(encodePickle(rows).length / 2);
    expect(decodePickle(pickle)).toEqual(rows);
  });

  it("writes a nested message byte for byte as pickle.dumps does, a shared tuple fetched from the memo", () => {
    // t = ("024 HYR",); pickle.dumps(((t,), t, (1, 2), ()), 3)
    const t = ["024 HYR"];
    expect(encodePickleWithMemo([[t], t, [1, 2], []]).toString("hex")).toBe(
      "8003" + "28" + "5807000000" + "30323420485952" + "7100" + "85" + "7101" + "85" + "7102" + "6801"
      + "4b014b02" + "86" + "7103" + "29" + "74" + "7104" + "2e",
    );
  });
});
