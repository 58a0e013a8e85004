import type { Action, Session } from "#chapter-04/client/actions.ts";

/** What the server says when it has no car with the license asked for. */
export const NOT_REGISTERED = "This license is not registered";

/**
 * Asks for the start of a license, fetches the licenses that start with it
 * (`GET_LICENSES_STARTING_WITH`, whose reply is `[true, [license, ...]]`), lists them numbered
 * from 1 and lets the user pick one. Resolves with the license picked, or undefined when the user
 * enters no start, nothing matches, or the user picks 0.
 */
export async function chooseLicense(session: Session): Promise<string | undefined> {
  // BEGIN SOLUTION
  const { console } = session;
  const start = await console.getString("Start of license");
  if (start === "") return undefined;
  const reply = await session.request(["GET_LICENSES_STARTING_WITH", start]);
  if (!reply[0]) {
    console.print(reply[1]);
    return undefined;
  }
  const licenses = reply[1];
  if (!Array.isArray(licenses) || !licenses.every((license) => typeof license === "string")) {
    throw new TypeError(`unexpected licenses from the server: ${JSON.stringify(reply)}`);
  }
  if (licenses.length === 0) {
    console.print(`No licenses start with ${start}`);
    return undefined;
  }
  licenses.forEach((license, index) => console.print(`${index + 1}. ${license}`));
  const choice = await console.getInteger("Choose a car (0 cancels)", 0, { min: 0, max: licenses.length });
  return choice === 0 ? undefined : licenses[choice - 1];
  // STARTER
  // throw new Error("Not implemented yet: chooseLicense (see the README)");
  // END SOLUTION
}

/**
 * (C)ar, helping with a license the server does not know: after its "not registered" message,
 * lets the user choose from the licenses that start alike, then shows that car.
 */
export const getCarDetailsOrChoose: Action = async (session, previousLicense) => {
  // BEGIN SOLUTION
  const license = (await session.console.getString("License", previousLicense)).toUpperCase();
  if (license === "") return previousLicense;
  let reply = await session.request(["GET_CAR_DETAILS", license]);
  let shown = license;
  if (!reply[0] && reply[1] === NOT_REGISTERED) {
    session.console.print(reply[1]);
    const chosen = await chooseLicense(session);
    if (chosen === undefined) return previousLicense;
    reply = await session.request(["GET_CAR_DETAILS", chosen]);
    shown = chosen;
  }
  if (!reply[0]) {
    session.console.print(reply[1]);
    return previousLicense;
  }
  const [, seats, mileage, owner] = reply;
  for (const line of [`License: ${shown}`, `Seats: ${seats}`, `Mileage: ${mileage}`, `Owner: ${owner}`]) {
    session.console.print(line);
  }
  return shown;
  // STARTER
  // throw new Error("Not implemented yet: getCarDetailsOrChoose (see the README)");
  // END SOLUTION
};
