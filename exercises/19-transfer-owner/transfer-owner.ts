import type pg from "pg";
import type { Reply } from "#chapter-17/protocol/messages.ts";
import { defineAction, type ActionTable } from "#chapter-17/server/action.ts";
import { isBlank } from "#chapter-17/server/car.ts";

/** What a transfer found when it looked at the car, in the same step as it changed it (or did not). */
export type TransferAnswer = "transferred" | "not registered" | "not the owner";

/**
 * Makes `to` the owner of the car registered under `license` in the database of `pool`, if `from`
 * owns it at that moment, with one SQL statement that checks and changes in one step, so that it
 * holds whichever server, and whichever process, sends the other transfers. Says what it found.
 */
export async function transferOwner(pool: pg.Pool, license: string, from: string, to: string): Promise<TransferAnswer> {
  throw new Error("Not implemented yet: transferOwner (see the README)");
}

/**
 * The reply to `TRANSFER_OWNER license from to`: `[true, null]`, or `[false, why]` in the words of
 * the README.
 */
export async function transferOwnerReply(pool: pg.Pool, license: string, from: string, to: string): Promise<Reply> {
  throw new Error("Not implemented yet: transferOwnerReply (see the README)");
}

/**
 * The dispatch table `actions` (chapter 17's `createStoreActions` builds one) with one more entry,
 * `TRANSFER_OWNER license from to`, over the database of `pool`. Its arguments are checked, as
 * every action's are, before {@link transferOwnerReply} gets them.
 */
export function withTransferOwner(actions: ActionTable, pool: pg.Pool): ActionTable {
  const transfer = defineAction("TRANSFER_OWNER", [["license", "string"], ["from", "string"], ["to", "string"]],
    (license, from, to) => transferOwnerReply(pool, license, from, to));
  return new Map([...actions, transfer]);
}
