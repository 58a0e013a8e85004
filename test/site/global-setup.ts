/**
 * Builds the site once before the site's tests, exactly as `npm run docs` does, unless
 * `npm test` has just built it.
 */
import { runCommand } from "../../tools/process/command.ts";
import { bin, SITE_BUILT } from "../../tools/course/node-tools.ts";

export default async function buildSite(): Promise<void> {
  if (process.env[SITE_BUILT] === "1") return;
  const started = performance.now();
  const { code, output } = await runCommand([...bin.tsx, "tools/site/build.ts"], { cwd: process.cwd() });
  if (code !== 0) throw new Error(`npm run docs failed:\n${output}`);
  console.log(`site built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
