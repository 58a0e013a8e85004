import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/** The command lines of the tools the course machinery runs, from this repository's node_modules. */
export const bin = {
  tsc: [process.execPath, require.resolve("typescript/bin/tsc")],
  vitest: [process.execPath, path.join(path.dirname(require.resolve("vitest/package.json")), "vitest.mjs")],
  tsx: [process.execPath, path.join(path.dirname(require.resolve("tsx/package.json")), "dist", "cli.mjs")],
} as const;

/**
 * Ends the program quietly when whoever reads its output stops reading (`| head`), instead of
 * crashing with EPIPE: the command-line tools call it first.
 */
export function exitQuietlyWhenOutputCloses(): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(0);
  });
}
