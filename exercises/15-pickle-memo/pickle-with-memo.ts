import { encodePickle } from "#chapter-12/protocol/pickle/encode-pickle.ts";
import { OP } from "#chapter-12/protocol/pickle/opcodes.ts";
import { PickleError } from "#chapter-12/protocol/pickle/pickle-error.ts";

/**
 * Encodes `value` as a pickle of protocol 3, byte for byte as Python's `pickle.dumps(value, 3)`
 * writes the original's messages: like chapter 12's `encodePickle`, but with the memo. Every string
 * and every non-empty array is put in the memo (`BINPUT n`, slots numbered from 0 in the order
 * they are written) as soon as it has been written; a string that appears again, or the same array
 * again, is fetched from its slot (`BINGET n`) instead of being written twice. From slot 256 on,
 * `LONG_BINPUT` and `LONG_BINGET`.
 *
 * @throws {PickleError} for whatever `encodePickle` refuses: a float, an object, `undefined`, an
 * integer beyond `Number.MAX_SAFE_INTEGER`, a string with a lone surrogate, an array that contains itself.
 * @example
 * encodePickleWithMemo(["a", "a"]); // PROTO 3, BINUNICODE "a", BINPUT 0, BINGET 0, TUPLE2, BINPUT 1, STOP
 */
export function encodePickleWithMemo(value: unknown): Buffer {
  throw new Error("Not implemented yet: encodePickleWithMemo (see the README)");
}
