import { setTimeout as sleep } from "node:timers/promises";
import { handleRequest } from "#chapter-03/client/handle-request.ts";
import { RequestError } from "#chapter-03/client/request-error.ts";
import type { Address } from "#chapter-03/protocol/address.ts";
import type { Reply, Request } from "#chapter-03/protocol/messages.ts";

/** How {@link handleRequestWithRetry} retries. */
export interface RetryOptions {
  /** How many times to try in all, the first attempt included. */
  attempts: number;
  /** How long to wait between attempts, in milliseconds. */
  delayMs: number;
  /** Called after each failed attempt that will be retried, with its error and its number (1 for the first). */
  onRetry?: (error: RequestError, attempt: number) => void | Promise<void>;
}

/**
 * Sends `request` like {@link handleRequest}, trying again when the connection is refused: the one
 * failure that proves the server never saw the request, so trying again cannot do anything twice.
 * Rejects with the last error once `attempts` are used up, and at once on any other error.
 */
export async function handleRequestWithRetry(address: Address, request: Request, options: RetryOptions): Promise<Reply> {
  throw new Error("Not implemented yet: handleRequestWithRetry (see the README)");
}
