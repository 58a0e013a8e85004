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
  throw new Error("Not implemented yet: disassemblePickle");
}
