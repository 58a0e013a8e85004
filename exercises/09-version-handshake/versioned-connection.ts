import { once } from "node:events";
import type { Socket } from "node:net";
import type { Address } from "#chapter-05/protocol/address.ts";
import { SocketManager } from "#chapter-05/client/socket-manager.ts";
import { encodeFrame } from "#chapter-05/protocol/frame.ts";
import { FrameError } from "#chapter-05/protocol/frame-error.ts";
import { isReply, type Reply, type Request } from "#chapter-05/protocol/messages.ts";
import { readFrame } from "#chapter-05/protocol/read-frame.ts";
import type { ActionTable } from "#chapter-05/server/action.ts";
import { dispatch } from "#chapter-05/server/dispatch.ts";

/** The version of the protocol this code speaks. */
export const PROTOCOL_VERSION = 2;

/** The other side speaks another version of the protocol. */
export class IncompatibleVersionError extends Error {
  override readonly name = "IncompatibleVersionError";

  constructor(
    /** The version the other side sent. */
    readonly received: number,
    /** The version this side speaks. */
    readonly expected: number,
    message = `The server speaks protocol version ${received}; this client speaks version ${expected}`,
  ) {
    super(message);
  }
}

/** A versioned message as it arrived: the version byte, and the message of the frame after it. */
export interface VersionedMessage {
  readonly version: number;
  readonly message: unknown;
}

/**
 * Reads a version byte and the chapter-1 frame after it from an iterator over a socket's chunks.
 * Rejects like chapter 3's `readFrame` (`FrameError` "truncated" when the stream ends too soon).
 */
export async function readVersionedMessage(source: AsyncIterator<Uint8Array>): Promise<VersionedMessage> {
  let first = await source.next();
  while (first.done !== true && first.value.length === 0) first = await source.next();
  if (first.done === true) throw new FrameError("truncated", "the connection closed before a version byte arrived");
  const chunk = first.value;
  const version = chunk[0] ?? 0;
  let rest: Uint8Array | undefined = chunk.subarray(1);
  // The rest of the first chunk, then the rest of the stream: the frame after the version byte.
  const afterVersion: AsyncIterator<Uint8Array> = {
    next: async () => {
      if (rest === undefined) return source.next();
      const value = rest;
      rest = undefined;
      return { done: false, value };
    },
  };
  return { version, message: await readFrame(afterVersion) };
}

/** A version byte, then the frame of `message`. */
export function encodeVersioned(message: unknown, version: number): Buffer {
  return Buffer.concat([Buffer.of(version), encodeFrame(message)]);
}

/**
 * The client's side: sends `request` as a versioned frame over a new connection and resolves with
 * the reply. Rejects with an {@link IncompatibleVersionError} when the reply is of another version.
 */
export async function versionedRequest(address: Address, request: Request, version = PROTOCOL_VERSION): Promise<Reply> {
  throw new Error("Not implemented yet: versionedRequest (see the README)");
}

/**
 * The server's side of one connection: reads a versioned request and answers it from `actions`,
 * in its own version. A request of another version is not run: the reply says which versions met.
 */
export async function serveVersioned(socket: Socket, actions: ActionTable, version = PROTOCOL_VERSION): Promise<void> {
  socket.on("error", () => {});
  throw new Error("Not implemented yet: serveVersioned (see the README)");
}
