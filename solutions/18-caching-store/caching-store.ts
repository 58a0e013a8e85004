import type { CarDetails, CarStore } from "#chapter-16/server/car-store.ts";

/**
 * A {@link CarStore} in front of another: it keeps the details of the cars it has read, and
 * answers the next read of a car from memory, until a write through it changes that car. Correct
 * in one process only: a second process would keep a copy of its own (chapter 16's trap).
 */
export class CachingStore implements CarStore {
  readonly #inner: CarStore;
  // BEGIN SOLUTION
  /** The details of each car read since its last change. */
  readonly #kept = new Map<string, CarDetails>();
  /** How many writes to each car have started or ended: a read that saw it move keeps nothing. */
  readonly #changes = new Map<string, number>();
  // END SOLUTION

  constructor(inner: CarStore) {
    this.#inner = inner;
  }

  async details(license: string): Promise<CarDetails | undefined> {
    // BEGIN SOLUTION
    const kept = this.#kept.get(license);
    if (kept !== undefined) return kept;
    const before = this.#changes.get(license) ?? 0;
    const details = await this.#inner.details(license);
    const unchanged = (this.#changes.get(license) ?? 0) === before;
    if (details !== undefined && unchanged) this.#kept.set(license, details);
    return details;
    // STARTER
    // throw new Error("Not implemented yet: details");
    // END SOLUTION
  }

  register(license: string, car: CarDetails): Promise<"registered" | "duplicate"> {
    // BEGIN SOLUTION
    return this.#change(license, () => this.#inner.register(license, car));
    // STARTER
    // throw new Error("Not implemented yet: register");
    // END SOLUTION
  }

  raiseMileage(
    license: string, mileage: number,
  ): Promise<"changed" | "not registered" | "not higher"> {
    // BEGIN SOLUTION
    return this.#change(license, () => this.#inner.raiseMileage(license, mileage));
    // STARTER
    // throw new Error("Not implemented yet: raiseMileage");
    // END SOLUTION
  }

  changeOwner(license: string, owner: string): Promise<"changed" | "not registered"> {
    // BEGIN SOLUTION
    return this.#change(license, () => this.#inner.changeOwner(license, owner));
    // STARTER
    // throw new Error("Not implemented yet: changeOwner");
    // END SOLUTION
  }
  // BEGIN SOLUTION

  /** Runs a write to `license`, forgetting the car before it starts and after it ends. */
  async #change<T>(license: string, write: () => Promise<T>): Promise<T> {
    this.#forget(license);
    try {
      return await write();
    } finally {
      this.#forget(license);
    }
  }

  #forget(license: string): void {
    this.#kept.delete(license);
    this.#changes.set(license, (this.#changes.get(license) ?? 0) + 1);
  }
  // END SOLUTION
}
