import { describe, expect, it } from "vitest";
import { decodePickle } from "#chapter-12/protocol/pickle/decode-pickle.ts";
import { PickleError } from "#chapter-12/protocol/pickle/pickle-error.ts";
import { encodePickleWithMemo } from "./pickle-with-memo.ts";

/** The pickle in hex, to compare with what Python wrote. */
const hex = (value: unknown) => encodePickleWithMemo(value).toString("hex");
/** Hex written with spaces, one opcode to a group, as pickletools shows them. */
const python = (spaced: string) => spaced.replaceAll(" ", "");

describe("encodePickleWithMemo", () => {
  it("writes the original's requests byte for byte as pickle.dumps(request, 3) does", () => {
    // pickle.dumps(("GET_CAR_DETAILS", "024 HYR"), 3)
    expect(hex(["GET_CAR_DETAILS", "024 HYR"])).toBe(python(
      "8003 58 0f000000 4745545f4341525f44455441494c53 7100 58 07000000 30323420485952 7101 86 7102 2e",
    ));
    // pickle.dumps(("NEW_REGISTRATION", "PY 3", 4, 0, "Guido van Rossum"), 3)
    expect(hex(["NEW_REGISTRATION", "PY 3", 4, 0, "Guido van Rossum"])).toBe(python(
      "8003 28 58 10000000 4e45575f524547495354524154494f4e 7100 58 04000000 50592033 7101 4b04 4b00" +
      " 58 10000000 477569646f2076616e20526f7373756d 7102 74 7103 2e",
    ));
  });

  it("writes the original's replies byte for byte, with MARK ... TUPLE past three values", () => {
    // pickle.dumps((True, 2, 97543, "Jack Lemon"), 3)
    expect(hex([true, 2, 97543, "Jack Lemon"])).toBe(python(
      "8003 28 88 4b02 4a 077d0100 58 0a000000 4a61636b204c656d6f6e 7100 74 7101 2e",
    ));
  });

  it("writes a string that appears again only once, and fetches it from the memo after", () => {
    // pickle.dumps(("a", "a"), 3)
    expect(hex(["a", "a"])).toBe(python("8003 58 01000000 61 7100 6800 86 7101 2e"));
    // pickle.dumps(((True, "024 HYR", owner), (True, "381 PFD", owner)), 3) with owner = "Jack Lemon"
    expect(hex([[true, "024 HYR", "Jack Lemon"], [true, "381 PFD", "Jack Lemon"]])).toBe(python(
      "8003 88 58 07000000 30323420485952 7100 58 0a000000 4a61636b204c656d6f6e 7101 87 7102" +
      " 88 58 07000000 33383120504644 7103 6801 87 7104 86 7105 2e",
    ));
  });

  it("writes an array that appears twice only once, and chapter 11's reader gives back one array in both places", () => {
    const shared = ["x"];
    // pickle.dumps((t, t), 3) with t = ("x",)
    expect(hex([shared, shared])).toBe(python("8003 58 01000000 78 7100 85 7101 6801 86 7102 2e"));
    const decoded = decodePickle(encodePickleWithMemo([shared, shared])) as unknown[];
    expect(decoded).toEqual([["x"], ["x"]]);
    expect(decoded[0]).toBe(decoded[1]);
  });

  it("never puts None, a boolean, an integer or the empty tuple in the memo", () => {
    // pickle.dumps(((), ()), 3)
    expect(hex([[], []])).toBe(python("8003 29 29 86 7100 2e"));
    // pickle.dumps((None, False, -5, 2**40, -(2**40), ("Zoë", ()), 65536), 3)
    expect(hex([null, false, -5, 2 ** 40, -(2 ** 40), ["Zoë", []], 65_536])).toBe(python(
      "8003 28 4e 89 4afbffffff 8a06 000000000001 8a06 0000000000ff 58 04000000 5a6fc3ab 7100 29 86 7101" +
      " 4a 00000100 74 7102 2e",
    ));
  });

  it("numbers the memo's slots past 255 with LONG_BINPUT and LONG_BINGET", () => {
    // pickle.dumps(tuple(s) + (s[0], s[256]), 3) with s = [chr(0x100 + i) for i in range(257)]
    const strings = Array.from({ length: 257 }, (_, index) => String.fromCharCode(0x100 + index));
    const pickle = encodePickleWithMemo([...strings, strings[0], strings[256]]);
    // ... "\u01ff", BINPUT 255, "\u0200", LONG_BINPUT 256, BINGET 0, LONG_BINGET 256, TUPLE, LONG_BINPUT 257, STOP
    expect(pickle.subarray(-30).toString("hex")).toBe(python(
      "c7bf 71ff 58 02000000 c880 72 00010000 6800 6a 00010000 74 72 01010000 2e",
    ));
    expect(pickle.length).toBe(2333);
  });

  it("refuses what encodePickle refuses with a PickleError: a float, an object, undefined, a huge integer, a lone surrogate", () => {
    for (const value of [[true, 1.5], ["CHANGE_OWNER", {}], ["CHANGE_OWNER", undefined], 2 ** 53, ["\ud800"]]) {
      expect(() => encodePickleWithMemo(value), String(value)).toThrow(PickleError);
    }
  });

  it("refuses an array that contains itself with a PickleError", () => {
    const cyclic: unknown[] = ["x"];
    cyclic.push([cyclic]);
    expect(() => encodePickleWithMemo(cyclic)).toThrow(PickleError);
  });
});
