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
  throw new Error("Not implemented yet: chooseLicense (see the README)");
}

/**
 * (C)ar, helping with a license the server does not know: after its "not registered" message,
 * lets the user choose from the licenses that start alike, then shows that car.
 */
export const getCarDetailsOrChoose: Action = async (session, previousLicense) => {
  throw new Error("Not implemented yet: getCarDetailsOrChoose (see the README)");
};
