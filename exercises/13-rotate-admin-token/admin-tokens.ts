import { defineAction, type Action, type ActionTable } from "#chapter-09/server/action.ts";
import { ADMIN_ACTIONS } from "#chapter-09/server/admin-only.ts";
import { AdminToken } from "#chapter-09/server/admin-token.ts";
import { writeTokenFile } from "#chapter-09/server/token-file.ts";

/** Tells the time in milliseconds. Tests pass a clock they move by hand. */
export type Clock = () => number;

/** Writes a token where the client will look for it, as chapter 9's `writeTokenFile` does. Tests pass their own. */
export type WriteToken = (path: string, token: AdminToken) => Promise<void>;

/** The admin action that replaces the admin token with a new one. */
export const ROTATE_TOKEN = "ROTATE_TOKEN";

/**
 * The server's admin tokens: the current one and, for `graceMs` after a rotation, the one before
 * it, so that a client that read the token file just before the rotation is not refused.
 */
export class AdminTokens {
  readonly #graceMs: number;
  readonly #clock: Clock;
  #current: AdminToken;

  /** Starts with `current` as the only token; each rotation keeps the old one for `graceMs` more. */
  constructor(current: AdminToken, graceMs: number, clock: Clock = () => performance.now()) {
    this.#current = current;
    this.#graceMs = graceMs;
    this.#clock = clock;
  }

  /** The token the token file holds. */
  get current(): AdminToken {
    return this.#current;
  }

  /** Whether `candidate` is the current token (not an old one, even in its grace). */
  isCurrent(candidate: unknown): boolean {
    return this.#current.matches(candidate);
  }

  /**
   * Makes `next` the current token. The current one becomes the old one, accepted for `graceMs`
   * from now; the old one before it, if any, is refused from now on.
   */
  rotate(next: AdminToken): void {
    throw new Error("Not implemented yet: AdminTokens.rotate (see the README)");
  }

  /** Whether `candidate` is the current token, or the old one while its grace lasts. */
  matches(candidate: unknown): boolean {
    throw new Error("Not implemented yet: AdminTokens.matches (see the README)");
  }
}

/**
 * The entry of the dispatch table for `ROTATE_TOKEN`, which takes no arguments (the guard has
 * taken the token off). It makes a new token, writes it to `tokenPath` with `writeToken`, and only
 * then rotates `tokens` to it, replying `[true, null]`; the new token never goes over the wire.
 * When the file cannot be written, the tokens stay as they were. Rotations run one at a time.
 */
export function createRotateTokenAction(
  tokens: AdminTokens,
  tokenPath: string,
  writeToken: WriteToken = writeTokenFile,
): [string, Action] {
  throw new Error("Not implemented yet: createRotateTokenAction (see the README)");
}

/**
 * Chapter 9's `requireAdminToken` for a token that rotates: returns a copy of `actions` in which
 * every admin action (those of `ADMIN_ACTIONS`, and `ROTATE_TOKEN`) needs a token as its last
 * argument, with the same replies when it is missing or wrong. `ROTATE_TOKEN` needs the current
 * token; the others accept the old one too, while its grace lasts.
 */
export function requireAdminTokens(actions: ActionTable, tokens: AdminTokens): ActionTable {
  throw new Error("Not implemented yet: requireAdminTokens (see the README)");
}
