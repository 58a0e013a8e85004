import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OP } from "#chapter-11/protocol/pickle/opcodes.ts";
import { PickleError } from "#chapter-11/protocol/pickle/pickle-error.ts";
import { disassemblePickle } from "../disassemble-pickle.ts";

/**
 * A pickle of protocol 3 for `value`, as chapter 12's encodePickle writes one, but simpler: every
 * integer as an 8-byte LONG1, every array as MARK ... TUPLE (valid pickles all the same).
 */
function encodePickle(value: unknown): Buffer {
  const parts: Buffer[] = [Buffer.from([OP.PROTO, 3])];
  const write = (item: unknown): void => {
    if (item === null) parts.push(Buffer.from([OP.NONE]));
    else if (typeof item === "boolean") parts.push(Buffer.from([item ? OP.NEWTRUE : OP.NEWFALSE]));
    else if (typeof item === "number") {
      const long = Buffer.alloc(10);
      long.set([OP.LONG1, 8]);
      long.writeBigInt64LE(BigInt(item), 2);
      parts.push(long);
    } else if (typeof item === "string") {
      const text = Buffer.from(item, "utf8");
      const header = Buffer.alloc(5);
      header[0] = OP.BINUNICODE;
      header.writeUInt32LE(text.length, 1);
      parts.push(header, text);
    } else if (Array.isArray(item)) {
      parts.push(Buffer.from([OP.MARK]));
      item.forEach(write);
      parts.push(Buffer.from([OP.TUPLE]));
    }
  };
  write(value);
  parts.push(Buffer.from([OP.STOP]));
  return Buffer.concat(parts);
}

const value: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: "small" }, fc.constant(null), fc.boolean(), fc.maxSafeInteger(), fc.string(), fc.array(tie("value"), { maxLength: 4 })),
})).value;

describe("disassemblePickle, hidden", () => {
  it("lists every pickle encodePickle writes, from PROTO 3 to STOP, each string once", () => {
    fc.assert(
      fc.property(value, (message) => {
        const lines = disassemblePickle(encodePickle(message));
        expect(lines[0]).toBe("0: PROTO 3");
        expect(lines.at(-1)).toMatch(/^\d+: STOP$/);
        const strings = JSON.stringify(message).match(/"(?:[^"\\]|\\.)*"/g) ?? [];
        expect(lines.filter((line) => /^\d+: BINUNICODE /.test(line))).toHaveLength(strings.length);
      }),
      { numRuns: 300 },
    );
  });

  it("reads a LONG1 of no bytes as 0, and a negative one in two's complement", () => {
    expect(disassemblePickle(Buffer.from("80038a002e", "hex"))).toEqual(["0: PROTO 3", "2: LONG1 0", "4: STOP"]);
    expect(disassemblePickle(Buffer.from("80038a02ff7f2e", "hex"))).toEqual(["0: PROTO 3", "2: LONG1 32767", "6: STOP"]);
    expect(disassemblePickle(Buffer.from("80038a01ff2e", "hex"))).toEqual(["0: PROTO 3", "2: LONG1 -1", "5: STOP"]);
  });

  it("throws nothing but a PickleError, whatever the bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (noise) => {
        const pickle = Buffer.concat([Buffer.from("8003", "hex"), noise]);
        try {
          disassemblePickle(pickle);
        } catch (error) {
          expect(error).toBeInstanceOf(PickleError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
