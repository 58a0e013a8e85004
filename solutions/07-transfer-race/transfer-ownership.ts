import type { Reply } from "#chapter-06/protocol/messages.ts";
import type { Change } from "#chapter-06/server/audit-log.ts";
import type { CarRegistry } from "#chapter-06/server/car-registry.ts";
import { isBlank } from "#chapter-06/server/car.ts";
import type { Lock } from "#chapter-06/server/mutex.ts";

/** What a transfer needs from the server: the registrations, the audit log and the lock of chapter 6. */
export interface TransferContext {
  readonly registry: CarRegistry;
  /** Records a change before it is applied; the change is dropped if this rejects. */
  readonly audit: (change: Change) => Promise<void>;
  /** The server's one lock, shared with every other action that changes a car. */
  readonly lock: Lock;
}

/**
 * `TRANSFER_OWNERSHIP(license, from, to)`: makes `to` the owner of the car, but only if `from` owns
 * it now, so that two people selling the same car cannot both succeed.
 */
export async function transferOwnership(
  { registry, audit, lock }: TransferContext, license: string, from: string, to: string,
): Promise<Reply> {
  if (isBlank(to)) return [false, "Cannot set an empty owner"];
  // BEGIN SOLUTION
  // From the check of the owner to the change, no other change of any car may run.
  using release = await lock.acquire();
  // END SOLUTION
  const car = registry.get(license);
  if (car === undefined) return [false, "This license is not registered"];
  if (car.owner !== from) return [false, `The car's owner is not ${from}`];
  await audit(["CHANGE_OWNER", license, to]);
  car.owner = to;
  return [true, null];
}
