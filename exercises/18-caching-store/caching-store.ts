import type { CarDetails, CarStore } from "#chapter-16/server/car-store.ts";

/**
 * A {@link CarStore} in front of another: it keeps the details of the cars it has read, and
 * answers the next read of a car from memory, until a write through it changes that car. Correct
 * in one process only: a second process would keep a copy of its own (chapter 16's trap).
 */
export class CachingStore implements CarStore {
  readonly #inner: CarStore;

  constructor(inner: CarStore) {
    this.#inner = inner;
  }

  async details(license: string): Promise<CarDetails | undefined> {
    throw new Error("Not implemented yet: details");
  }

  register(license: string, car: CarDetails): Promise<"registered" | "duplicate"> {
    throw new Error("Not implemented yet: register");
  }

  raiseMileage(
    license: string, mileage: number,
  ): Promise<"changed" | "not registered" | "not higher"> {
    throw new Error("Not implemented yet: raiseMileage");
  }

  changeOwner(license: string, owner: string): Promise<"changed" | "not registered"> {
    throw new Error("Not implemented yet: changeOwner");
  }
}
