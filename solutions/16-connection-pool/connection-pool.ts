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

// BEGIN SOLUTION
/** A connection of the pool, and how many of its requests wait for their replies. */
interface Member {
  readonly connection: PersistentConnection;
  waiting: number;
}

// END SOLUTION
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
  // BEGIN SOLUTION
  /** The connections still in the pool, in the order they joined it. */
  readonly #members: Member[];
  // END SOLUTION

  private constructor(address: Address, timeoutMs: number, connections: readonly PersistentConnection[] | undefined) {
    this.#address = address;
    this.#timeoutMs = timeoutMs;
    this.#persistent = connections !== undefined;
    // BEGIN SOLUTION
    this.#members = (connections ?? []).map((connection) => ({ connection, waiting: 0 }));
    // END SOLUTION
  }

  /**
   * Opens a pool of `options.size` persistent connections to `address`, or, when the server does not
   * keep connections open, a pool that makes a connection per request. Rejects with a RangeError for
   * a size that is not a whole number from 1, and with the {@link RequestError} of a connection that
   * could not be opened (the server refused it, say), after closing the ones that did open.
   */
  static async open(address: Address, options: PoolOptions): Promise<ConnectionPool> {
    // BEGIN SOLUTION
    const { size, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
    if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`a pool holds a whole number of connections from 1, not ${size}`);
    let first: PersistentConnection;
    try {
      first = await PersistentConnection.open(address, { timeoutMs });
    } catch (error) {
      if (error instanceof RequestError) throw error;
      return new ConnectionPool(address, timeoutMs, undefined); // the server does not keep connections open
    }
    const others = await Promise.allSettled(Array.from({ length: size - 1 }, () => PersistentConnection.open(address, { timeoutMs })));
    const opened = [first];
    let failure: { reason: unknown } | undefined;
    for (const outcome of others) {
      if (outcome.status === "fulfilled") opened.push(outcome.value);
      else failure ??= outcome;
    }
    if (failure !== undefined) {
      await Promise.all(opened.map((connection) => connection[Symbol.asyncDispose]()));
      throw failure.reason;
    }
    return new ConnectionPool(address, timeoutMs, opened);
    // STARTER
    // throw new Error("Not implemented yet: ConnectionPool.open (see the README)");
    // END SOLUTION
  }

  /** True when the pool keeps persistent connections; false when it makes a connection per request. */
  get persistent(): boolean {
    return this.#persistent;
  }

  /** How many persistent connections the pool holds now: `size` at first, fewer after failures, 0 without persistent connections. */
  get connectionCount(): number {
    // BEGIN SOLUTION
    return this.#members.length;
    // STARTER
    // throw new Error("Not implemented yet: connectionCount (see the README)");
    // END SOLUTION
  }

  /**
   * Sends `request` on the connection with the fewest requests waiting (the earliest in the pool on
   * a tie) and resolves with its reply. A connection whose request fails with a {@link RequestError}
   * leaves the pool. A `GET_CAR_DETAILS` that fails so is sent once more, on another connection
   * of the pool if one is left; no other request is sent twice.
   */
  async request(request: Request): Promise<Reply> {
    // BEGIN SOLUTION
    if (!this.#persistent) return handleRequest(this.#address, request, { timeoutMs: this.#timeoutMs });
    try {
      return await this.#send(request);
    } catch (error) {
      const retry = error instanceof RequestError && request[0] === "GET_CAR_DETAILS" && this.#members.length > 0;
      if (!retry) throw error;
      return this.#send(request);
    }
    // STARTER
    // throw new Error("Not implemented yet: request (see the README)");
    // END SOLUTION
  }
  // BEGIN SOLUTION

  /** Sends `request` on the least busy connection; takes the connection out of the pool when the request fails with it. */
  async #send(request: Request): Promise<Reply> {
    const member = this.#members.reduce<Member | undefined>((best, next) => (best === undefined || next.waiting < best.waiting ? next : best), undefined);
    if (member === undefined) {
      throw new RequestError(this.#address, "lost", `every connection of the pool to ${formatAddress(this.#address)} has failed`);
    }
    member.waiting++;
    try {
      return await member.connection.request(request);
    } catch (error) {
      if (error instanceof RequestError) this.#remove(member);
      throw error;
    } finally {
      member.waiting--;
    }
  }

  #remove(member: Member): void {
    const index = this.#members.indexOf(member);
    if (index === -1) return; // another of its requests took it out already
    this.#members.splice(index, 1);
    void member.connection[Symbol.asyncDispose]().catch(() => {});
  }
  // END SOLUTION

  /** Closes every connection of the pool, once the replies to the requests made have arrived. */
  async [Symbol.asyncDispose](): Promise<void> {
    // BEGIN SOLUTION
    const members = this.#members.splice(0);
    await Promise.all(members.map(({ connection }) => connection[Symbol.asyncDispose]()));
    // STARTER
    // throw new Error("Not implemented yet: dispose (see the README)");
    // END SOLUTION
  }
}
