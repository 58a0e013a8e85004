import { defineAction, type Action, type ActionTable } from "#chapter-09/server/action.ts";
import { ADMIN_ACTIONS } from "#chapter-09/server/admin-only.ts";
import { AdminToken } from "#chapter-09/server/admin-token.ts";
import { writeTokenFile } from "#chapter-09/server/token-file.ts";
// BEGIN SOLUTION
import { Mutex } from "#chapter-09/server/mutex.ts";
// END SOLUTION

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
  // BEGIN SOLUTION
  /** The token before the current one and when its grace ends; undefined once it has ended. */
  #previous: { token: AdminToken; until: number } | undefined;
  // END SOLUTION

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
    // BEGIN SOLUTION
    this.#previous = { token: this.#current, until: this.#clock() + this.#graceMs };
    this.#current = next;
    // STARTER
    // throw new Error("Not implemented yet: AdminTokens.rotate (see the README)");
    // END SOLUTION
  }

  /** Whether `candidate` is the current token, or the old one while its grace lasts. */
  matches(candidate: unknown): boolean {
    // BEGIN SOLUTION
    if (this.#current.matches(candidate)) return true;
    if (this.#previous === undefined) return false;
    if (this.#clock() >= this.#previous.until) {
      this.#previous = undefined; // its grace is over: forget it for good
      return false;
    }
    return this.#previous.token.matches(candidate);
    // STARTER
    // throw new Error("Not implemented yet: AdminTokens.matches (see the README)");
    // END SOLUTION
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
  // BEGIN SOLUTION
  const oneAtATime = new Mutex();
  return defineAction(ROTATE_TOKEN, [], async () => {
    using _release = await oneAtATime.acquire();
    const next = AdminToken.generate();
    try {
      await writeToken(tokenPath, next);
    } catch {
      return [false, `${ROTATE_TOKEN} failed: cannot write ${tokenPath}; the admin token is unchanged`];
    }
    tokens.rotate(next); // only once the file holds it: the administrator can always read the current token
    return [true, null];
  });
  // STARTER
  // throw new Error("Not implemented yet: createRotateTokenAction (see the README)");
  // END SOLUTION
}

/**
 * Chapter 9's `requireAdminToken` for a token that rotates: returns a copy of `actions` in which
 * every admin action (those of `ADMIN_ACTIONS`, and `ROTATE_TOKEN`) needs a token as its last
 * argument, with the same replies when it is missing or wrong. `ROTATE_TOKEN` needs the current
 * token; the others accept the old one too, while its grace lasts.
 */
export function requireAdminTokens(actions: ActionTable, tokens: AdminTokens): ActionTable {
  // BEGIN SOLUTION
  const guarded = new Map(actions);
  for (const [name, action] of actions) {
    if (name === ROTATE_TOKEN) guarded.set(name, adminOnly(name, action, (token) => tokens.isCurrent(token)));
    else if (ADMIN_ACTIONS.includes(name)) guarded.set(name, adminOnly(name, action, (token) => tokens.matches(token)));
  }
  return guarded;
  // STARTER
  // throw new Error("Not implemented yet: requireAdminTokens (see the README)");
  // END SOLUTION
}
// BEGIN SOLUTION

function adminOnly(name: string, action: Action, accepts: (token: unknown) => boolean): Action {
  return {
    run(args) {
      if (args.length === 0) return [false, `${name} needs the admin token`];
      if (!accepts(args.at(-1))) return [false, `${name} refused: wrong admin token`];
      return action.run(args.slice(0, -1));
    },
  };
}
// END SOLUTION
