import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CarRegistry } from "#chapter-05/server/car-registry.ts";
import { Car } from "#chapter-05/server/car.ts";
import { licensesStartingWith, licensesStartingWithAction } from "../licenses-starting-with.ts";

describe("licensesStartingWith, hidden", () => {
  it("matches a license stored in lower case with a start typed in upper case", () => {
    const registry = new CarRegistry();
    registry.set("abc 1", new Car(4, 1, "A"));
    registry.set("ABD 2", new Car(4, 1, "B"));
    expect([...licensesStartingWith(registry, "AB")].sort()).toEqual(["ABD 2", "abc 1"]); // in either order
  });

  it("treats a space in the start as part of it", () => {
    const registry = new CarRegistry();
    registry.set("12 A", new Car(4, 1, "A"));
    registry.set("123", new Car(4, 1, "B"));
    expect(licensesStartingWith(registry, "12 ")).toEqual(["12 A"]);
  });

  it("sees registrations made after the action was created", async () => {
    const registry = new CarRegistry();
    const [, action] = licensesStartingWithAction(registry);
    registry.set("NEW 1", new Car(4, 1, "A"));
    expect(await action.run(["new"])).toEqual([true, ["NEW 1"]]);
  });

  it("agrees with the reference on any registry and any start", () => {
    // The reference answer, as learnyounode checks a student's program against its own.
    const reference = (licenses: readonly string[], start: string) =>
      licenses.filter((license) => license.toUpperCase().startsWith(start.toUpperCase())).sort();
    const licenseText = fc.string({ unit: fc.constantFrom("a", "B", "c", "1", " ", "é"), maxLength: 5 });
    fc.assert(
      fc.property(fc.uniqueArray(licenseText, { maxLength: 12 }), licenseText, (licenses, start) => {
        const registry = new CarRegistry();
        for (const license of licenses) registry.set(license, new Car(4, 0, "Owner"));
        expect(licensesStartingWith(registry, start)).toEqual(reference(licenses, start));
      }),
    );
  });
});
