/**
 * Starters are generated from solutions, as nbgrader does: a solution file marks the code the
 * student writes, and the starter is the solution with that code taken out.
 *
 *     export function add(a: number, b: number): number {
 *       // BEGIN SOLUTION
 *       return a + b;
 *       // STARTER
 *       // throw new Error("Not implemented yet: add");
 *       // END SOLUTION
 *     }
 *
 * The starter keeps everything outside the markers, drops the solution lines, and uncomments the
 * lines between `STARTER` and `END SOLUTION` (one `// ` is removed from each). A region without a
 * `STARTER` part is dropped whole.
 */

const BEGIN = "// BEGIN SOLUTION";
const STARTER = "// STARTER";
const END = "// END SOLUTION";

/** A marker out of place, with the 1-based line it is on. */
export class StarterMarkerError extends Error {
  override readonly name = "StarterMarkerError";
}

/** Returns the starter for a solution file's text. */
export function starterFromSolution(solution: string, file = "solution"): string {
  const output: string[] = [];
  let part: "outside" | "solution" | "starter" = "outside";
  let beganAt = 0;
  for (const [index, line] of solution.split("\n").entries()) {
    const marker = line.trim();
    const where = `${file}:${index + 1}`;
    if (marker === BEGIN) {
      if (part !== "outside") throw new StarterMarkerError(`${where}: BEGIN SOLUTION inside another region`);
      [part, beganAt] = ["solution", index + 1];
    } else if (marker === STARTER) {
      if (part !== "solution") throw new StarterMarkerError(`${where}: STARTER outside a solution region`);
      part = "starter";
    } else if (marker === END) {
      if (part === "outside") throw new StarterMarkerError(`${where}: END SOLUTION without BEGIN SOLUTION`);
      part = "outside";
    } else if (part === "outside") {
      output.push(line);
    } else if (part === "starter") {
      output.push(uncomment(line, where));
    }
  }
  if (part !== "outside") throw new StarterMarkerError(`${file}:${beganAt}: BEGIN SOLUTION is never ended`);
  return output.join("\n");
}

/** True when the text has solution markers, so its starter differs from it. */
export function hasSolutionMarkers(text: string): boolean {
  return text.split("\n").some((line) => line.trim() === BEGIN);
}

function uncomment(line: string, where: string): string {
  const match = /^(\s*)\/\/ ?(.*)$/.exec(line);
  if (match === null) throw new StarterMarkerError(`${where}: a STARTER line must be a // comment`);
  const [, indent = "", rest = ""] = match;
  return rest === "" ? "" : indent + rest;
}
