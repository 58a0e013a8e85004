import type pg from "pg";
import type { Reply } from "#chapter-17/protocol/messages.ts";
import { defineAction, type ActionTable } from "#chapter-17/server/action.ts";
import { isBlank } from "#chapter-17/server/car.ts";

/** What a transfer found when it looked at the car, in the same step as it changed it (or did not). */
export type TransferAnswer = "transferred" | "not registered" | "not the owner";

// BEGIN SOLUTION
/**
 * One statement that checks and changes at once: the UPDATE changes the owner only where `$2`
 * owns the car, and the two EXISTS, reading the same snapshot, say whether it did and whether the
 * car is there at all. The chapter's raiseMileage statement, with the owner in place of the mileage.
 */
const TRANSFER_OWNER = `
  WITH moved AS (
    UPDATE cars SET owner = $3 WHERE license = $1 AND owner = $2 RETURNING license
  )
  SELECT EXISTS (SELECT FROM moved) AS transferred,
         EXISTS (SELECT FROM cars WHERE license = $1) AS registered`;

// END SOLUTION
/**
 * Makes `to` the owner of the car registered under `license` in the database of `pool`, if `from`
 * owns it at that moment, with one SQL statement that checks and changes in one step, so that it
 * holds whichever server, and whichever process, sends the other transfers. Says what it found.
 */
export async function transferOwner(pool: pg.Pool, license: string, from: string, to: string): Promise<TransferAnswer> {
  // BEGIN SOLUTION
  const { rows } = await pool.query<{ transferred: boolean; registered: boolean }>(TRANSFER_OWNER, [license, from, to]);
  const { transferred, registered } = rows[0]!;
  if (transferred) return "transferred";
  return registered ? "not the owner" : "not registered";
  // STARTER
  // throw new Error("Not implemented yet: transferOwner (see the README)");
  // END SOLUTION
}

/**
 * The reply to `TRANSFER_OWNER license from to`: `[true, null]`, or `[false, why]` in the words of
 * the README.
 */
export async function transferOwnerReply(pool: pg.Pool, license: string, from: string, to: string): Promise<Reply> {
  // BEGIN SOLUTION
  if (isBlank(to)) return [false, "Cannot set an empty owner"];
  switch (await transferOwner(pool, license, from, to)) {
    case "transferred": return [true, null];
    case "not registered": return [false, "This license is not registered"];
    case "not the owner": return [false, `The car's owner is not ${from}`];
  }
  // STARTER
  // throw new Error("Not implemented yet: transferOwnerReply (see the README)");
  // END SOLUTION
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
