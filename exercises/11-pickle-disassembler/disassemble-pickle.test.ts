import { describe, expect, it } from "vitest";
import { disassemblePickle } from "./disassemble-pickle.ts";

/** A pickle from hex, spaces allowed. */
const bytes = (hex: string) => Buffer.from(hex.replaceAll(" ", ""), "hex");

describe("disassemblePickle", () => {
  it("lists the original's request as pickletools would, offsets first", () => {
    // pickle.dumps(("GET_CAR_DETAILS", "024 HYR"), 3)
    const request = bytes("8003 58 0f000000 4745545f4341525f44455441494c53 7100 58 07000000 30323420485952 7101 86 7102 2e");
    expect(disassemblePickle(request)).toEqual([
      "0: PROTO 3",
      '2: BINUNICODE "GET_CAR_DETAILS"',
      "22: BINPUT 0",
      '24: BINUNICODE "024 HYR"',
      "36: BINPUT 1",
      "38: TUPLE2",
      "39: BINPUT 2",
      "41: STOP",
    ]);
  });

  it("shows every kind of integer with its value", () => {
    // pickle.dumps((2, 300, -5, 2**40), 3)
    const integers = bytes("8003 28 4b02 4d2c01 4afbffffff 8a06000000000001 74 7100 2e");
    expect(disassemblePickle(integers)).toEqual([
      "0: PROTO 3", "2: MARK", "3: BININT1 2", "5: BININT2 300", "8: BININT -5", "13: LONG1 1099511627776",
      "21: TUPLE", "22: BINPUT 0", "24: STOP",
    ]);
  });

  it("shows lists, None, booleans and the memo", () => {
    // pickle.dumps([None, True, False, "a", "a"], 3)
    const list = bytes("8003 5d 7100 28 4e 88 89 58 01000000 61 7101 6801 65 2e");
    expect(disassemblePickle(list)).toEqual([
      "0: PROTO 3", "2: EMPTY_LIST", "3: BINPUT 0", "5: MARK", "6: NONE", "7: NEWTRUE", "8: NEWFALSE",
      '9: BINUNICODE "a"', "15: BINPUT 1", "17: BINGET 1", "19: APPENDS", "20: STOP",
    ]);
  });

  it("refuses an opcode outside the subset, naming it and its offset", () => {
    expect(() => disassemblePickle(bytes("8003 63 706f7369780a73797374656d0a 2e"))).toThrow("GLOBAL (0x63) at offset 2");
  });

  it("refuses a string longer than the bytes that remain", () => {
    expect(() => disassemblePickle(bytes("8003 58 ff000000 6162 2e"))).toThrow(
      expect.objectContaining({ name: "PickleError", message: "BINUNICODE (0x58) at offset 2: needs 255 more bytes, and only 3 remain" }),
    );
  });

  it("refuses a pickle that ends without STOP", () => {
    expect(() => disassemblePickle(bytes("8003 4e"))).toThrow(expect.objectContaining({ name: "PickleError" }));
  });
});
