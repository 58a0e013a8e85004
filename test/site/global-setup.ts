/**
 * Builds the site once before the site's tests, exactly as `npm run docs` does, unless it is up
 * to date (as when `npm test` has just built it).
 */
import { asInATerminal, runCommand } from "../../tools/process/command.ts";
import { bin } from "../../tools/course/node-tools.ts";

export default async function buildSite(): Promise<void> {
  const started = performance.now();
  // As from a terminal: with vitest's NODE_ENV=test, VitePress would build Vue's slower development version.
  const { code, output } = await runCommand([...bin.tsx, "tools/site/build.ts", "--if-changed"], { cwd: process.cwd(), env: asInATerminal() });
  if (code !== 0) throw new Error(`npm run docs failed:\n${output}`);
  const what = output.includes("unchanged") ? "site up to date" : "site built";
  console.log(`${what} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
