import { describeOpcode, OP, opcodeName } from "#chapter-11/protocol/pickle/opcodes.ts";
import { PickleError } from "#chapter-11/protocol/pickle/pickle-error.ts";

/**
 * Lists the opcodes of a pickle of chapter 11's subset, one line each, as Python's
 * `pickletools.dis` does: `2: BINUNICODE "GET_CAR_DETAILS"`. Reads nothing after STOP.
 *
 * @throws {PickleError} naming the opcode and its offset, for an opcode outside the subset, an
 * argument cut short or a string that is not UTF-8; and for a pickle that ends without STOP.
 */
export function disassemblePickle(pickle: Uint8Array): string[] {
  // BEGIN SOLUTION
  const lines: string[] = [];
  let offset = 0;
  while (offset < pickle.length) {
    const start = offset;
    const code = pickle[offset++]!;
    const fail = (problem: string) => new PickleError(`${describeOpcode(code)} at offset ${start}: ${problem}`, start);
    const take = (count: number): Uint8Array => {
      const left = pickle.length - offset;
      if (count > left) throw fail(`needs ${count} more bytes, and only ${left} remain`);
      offset += count;
      return pickle.subarray(offset - count, offset);
    };
    const name = opcodeName(code);
    if (name === undefined || !(name in OP)) throw fail("not in the subset");
    const argument = readArgument(code, take, fail);
    lines.push(argument === undefined ? `${start}: ${name}` : `${start}: ${name} ${argument}`);
    if (code === OP.STOP) return lines;
  }
  throw new PickleError(`the pickle ends at offset ${offset} without STOP`, offset);
  // STARTER
  // throw new Error("Not implemented yet: disassemblePickle");
  // END SOLUTION
}
// BEGIN SOLUTION

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The argument of opcode `code`, as the line shows it, read with `take`; undefined when it has none. */
function readArgument(code: number, take: (count: number) => Uint8Array, fail: (problem: string) => PickleError): string | undefined {
  const unsigned = (size: number) => take(size).reduceRight((value, byte) => value * 256 + byte, 0);
  switch (code) {
    case OP.PROTO:
    case OP.BININT1:
    case OP.BINPUT:
    case OP.BINGET:
      return String(unsigned(1));
    case OP.BININT2:
      return String(unsigned(2));
    case OP.LONG_BINPUT:
    case OP.LONG_BINGET:
      return String(unsigned(4));
    case OP.BININT:
      return String(Buffer.from(take(4)).readInt32LE(0));
    case OP.LONG1: {
      const bytes = take(unsigned(1));
      const value = bytes.reduceRight((sum, byte) => (sum << 8n) | BigInt(byte), 0n);
      return String(bytes.length === 0 ? 0n : BigInt.asIntN(bytes.length * 8, value));
    }
    case OP.SHORT_BINUNICODE:
    case OP.BINUNICODE: {
      const bytes = take(unsigned(code === OP.BINUNICODE ? 4 : 1));
      try {
        return JSON.stringify(utf8.decode(bytes));
      } catch {
        throw fail("the string is not valid UTF-8");
      }
    }
    default:
      return undefined;
  }
}
// END SOLUTION
