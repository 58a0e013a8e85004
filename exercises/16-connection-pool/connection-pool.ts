import { DEFAULT_TIMEOUT_MS, handleRequest } from "#chapter-13/client/handle-request.ts";
import { PersistentConnection } from "#chapter-13/client/persistent-connection.ts";
import { formatAddress, RequestError } from "#chapter-13/client/request-error.ts";
import type { Address } from "#chapter-13/protocol/address.ts";
import type { Reply, Request } from "#chapter-13/protocol/messages.ts";

/** How a {@link ConnectionPool} connects. */
export interface PoolOptions {
  /** How many persistent connections to open: a whole number, 1 or more. */
  size: number;
  /** The deadline of each connection (as `PersistentConnection.open` takes it), and of each one-shot request; 10 s by default. */
  timeoutMs?: number;
}

/**
 * A few persistent connections to one server, shared by every request of a program: each request
 * goes to the connection with the fewest requests waiting. Against a server that does not keep
 * connections open, a connection per request, as chapter 3's `handleRequest` makes.
 *
 * @example
 * await using pool = await ConnectionPool.open({ host: "127.0.0.1", port: 9653 }, { size: 4 });
 * const details = await pool.request(["GET_CAR_DETAILS", "024 HYR"]);
 */
export class ConnectionPool implements AsyncDisposable {
  readonly #address: Address;
  readonly #timeoutMs: number;
  readonly #persistent: boolean;

  private constructor(address: Address, timeoutMs: number, connections: readonly PersistentConnection[] | undefined) {
    this.#address = address;
    this.#timeoutMs = timeoutMs;
    this.#persistent = connections !== undefined;
  }

  /**
   * Opens a pool of `options.size` persistent connections to `address`, or, when the server does not
   * keep connections open, a pool that makes a connection per request. Rejects with a RangeError for
   * a size that is not a whole number from 1, and with the {@link RequestError} of a connection that
   * could not be opened (the server refused it, say), after closing the ones that did open.
   */
  static async open(address: Address, options: PoolOptions): Promise<ConnectionPool> {
    throw new Error("Not implemented yet: ConnectionPool.open (see the README)");
  }

  /** True when the pool keeps persistent connections; false when it makes a connection per request. */
  get persistent(): boolean {
    return this.#persistent;
  }

  /** How many persistent connections the pool holds now: `size` at first, fewer after failures, 0 without persistent connections. */
  get connectionCount(): number {
    throw new Error("Not implemented yet: connectionCount (see the README)");
  }

  /**
   * Sends `request` on the connection with the fewest requests waiting (the earliest in the pool on
   * a tie) and resolves with its reply. A connection whose request fails with a {@link RequestError}
   * leaves the pool. A `GET_CAR_DETAILS` that fails so is sent once more, on another connection
   * of the pool if one is left; no other request is sent twice.
   */
  async request(request: Request): Promise<Reply> {
    throw new Error("Not implemented yet: request (see the README)");
  }

  /** Closes every connection of the pool, once the replies to the requests made have arrived. */
  async [Symbol.asyncDispose](): Promise<void> {
    throw new Error("Not implemented yet: dispose (see the README)");
  }
}
