import type { Address } from "#chapter-02/protocol/address.ts";
import { SocketManager } from "#chapter-02/client/socket-manager.ts";

/** The connection was quiet for too long: nothing arrived or left for `idleMs` milliseconds. */
export class IdleTimeoutError extends Error {
  override readonly name = "IdleTimeoutError";

  constructor(
    /** How long the connection was quiet, in milliseconds. */
    readonly idleMs: number,
  ) {
    super(`the connection was idle for ${idleMs} ms`);
  }
}

/**
 * Connects like {@link SocketManager.connect}, and destroys the socket with an
 * {@link IdleTimeoutError} once nothing has arrived or left for `idleMs` milliseconds, so that a
 * read waiting on a silent server rejects instead of waiting forever.
 */
export async function connectWithIdleTimeout(address: Address, idleMs: number): Promise<SocketManager> {
  throw new Error("Not implemented yet: connectWithIdleTimeout (see the README)");
}
