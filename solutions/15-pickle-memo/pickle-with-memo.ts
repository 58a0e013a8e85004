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
  // BEGIN SOLUTION
  const writer = new MemoWriter();
  writer.write(value);
  return Buffer.concat([Uint8Array.of(OP.PROTO, 3), ...writer.parts, Uint8Array.of(OP.STOP)]);
  // STARTER
  // throw new Error("Not implemented yet: encodePickleWithMemo (see the README)");
  // END SOLUTION
}
// BEGIN SOLUTION

/** The opcodes of one pickle, and its memo: the slot of each string (by value) and each array (by identity) written so far. */
class MemoWriter {
  readonly parts: Uint8Array[] = [];
  readonly #strings = new Map<string, number>();
  readonly #arrays = new Map<readonly unknown[], number>();
  /** The arrays being written: meeting one again inside itself is a cycle. */
  readonly #open = new Set<readonly unknown[]>();
  #slots = 0;

  write(value: unknown): void {
    if (typeof value === "string") this.#writeString(value);
    else if (Array.isArray(value)) this.#writeTuple(value);
    else this.parts.push(leaf(value));
  }

  #writeString(text: string): void {
    const slot = this.#strings.get(text);
    if (slot !== undefined) return this.#get(slot);
    this.parts.push(leaf(text));
    this.#strings.set(text, this.#put());
  }

  #writeTuple(items: readonly unknown[]): void {
    const slot = this.#arrays.get(items);
    if (slot !== undefined) return this.#get(slot);
    if (items.length === 0) {
      this.parts.push(Uint8Array.of(OP.EMPTY_TUPLE)); // Python never memoizes the empty tuple
      return;
    }
    if (this.#open.has(items)) throw new PickleError("the pickle subset cannot carry an array that contains itself");
    this.#open.add(items);
    const short = [undefined, OP.TUPLE1, OP.TUPLE2, OP.TUPLE3][items.length];
    if (short === undefined) this.parts.push(Uint8Array.of(OP.MARK));
    for (const item of items) this.write(item);
    this.parts.push(Uint8Array.of(short ?? OP.TUPLE));
    this.#open.delete(items);
    this.#arrays.set(items, this.#put());
  }

  /** Puts the top of the stack in the next slot, and returns the slot. */
  #put(): number {
    const slot = this.#slots++;
    this.parts.push(slotOpcode(slot, OP.BINPUT, OP.LONG_BINPUT));
    return slot;
  }

  #get(slot: number): void {
    this.parts.push(slotOpcode(slot, OP.BINGET, OP.LONG_BINGET));
  }
}

/** `short slot` for slots 0 to 255, `long slot` in four bytes, little-endian, after. */
function slotOpcode(slot: number, short: number, long: number): Uint8Array {
  if (slot < 256) return Uint8Array.of(short, slot);
  const bytes = Buffer.alloc(5);
  bytes[0] = long;
  bytes.writeUInt32LE(slot, 1);
  return bytes;
}

/** The opcodes of a value that is neither a string nor an array, as chapter 12 writes it (or its refusal): its pickle without PROTO and STOP. */
function leaf(value: unknown): Uint8Array {
  return encodePickle(value).subarray(2, -1);
}
// END SOLUTION
