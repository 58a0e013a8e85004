/**
 * `npm run docs`: builds the course site into docs/dist/.
 * 1. reads and tangles the chapters (a chapter that does not tangle stops the build), writing
 *    every snapshot to build/chapters/;
 * 2. writes the code-as-of-chapter and changes pages (docs/code/, docs/changes/);
 * 3. runs typedoc on the last snapshot's src/ (the complete system, as src/ holds it) into
 *    docs/api/ (an export without a doc comment stops the build);
 * 4. runs `vitepress build docs`.
 * `npm run docs:dev` does 1–3 and starts VitePress's dev server instead. `--if-changed` (which
 * `npm test` uses) skips the build when docs/dist/ was built from the same inputs.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";
import { runCommand } from "../process/command.ts";
import { snapshotDir, writeSnapshots } from "../tangle/course.ts";
import { writeApiPages } from "./api.ts";
import { chapterLinkOf, writeCodePages } from "./code-pages.ts";
import { loadCourseSite } from "./course-site.ts";
import { forgetBuild, isBuiltFrom, recordBuild, siteInputsHash } from "./site-inputs.ts";

const require = createRequire(import.meta.url);
const vitepress = path.join(path.dirname(require.resolve("vitepress/package.json")), "bin", "vitepress.js");
const root = process.cwd();

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

async function main(mode: string, ifChanged: boolean): Promise<number> {
  const started = performance.now();
  const fingerprint = await siteInputsHash(root);
  if (mode === "build" && ifChanged && existsSync(path.join(root, "docs/dist/index.html")) && await isBuiltFrom(root, fingerprint)) {
    console.log("✓ site unchanged since its last build (docs/dist/)");
    return 0;
  }
  await forgetBuild(root);
  const site = await loadCourseSite(root);
  await writeSnapshots(root, site.index.snapshots);
  await writeCodePages(site);
  console.log(`✓ code pages: ${site.chapters.length} chapter(s), ${site.exercises.length} exercise(s)`);
  const last = site.index.snapshots.at(-1);
  const linkOf = (file: string, line: number) => chapterLinkOf(site, file, line);
  const { undocumented, warnings } = await writeApiPages(root, last === undefined ? undefined : snapshotDir(last), linkOf);
  if (warnings.length > 0) console.warn(warnings.map((warning) => `typedoc: ${warning}`).join("\n"));
  if (undocumented.length > 0) {
    console.error(undocumented.map((name) => `  ${name}`).join("\n"));
    console.error("✗ API reference: every export of src/ needs a doc comment (/** ... */); the exports above have none");
    return 1;
  }
  console.log(`✓ API reference (${seconds(started)})`);
  const { code } = await runCommand([process.execPath, vitepress, mode === "dev" ? "dev" : "build", "docs"], { cwd: root, inherit: true });
  if (mode !== "dev" && code === 0) {
    await recordBuild(root, fingerprint);
    console.log(`✓ site built into docs/dist/ in ${seconds(started)}`);
  }
  return code;
}

try {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { "if-changed": { type: "boolean", default: false } } });
  process.exitCode = await main(positionals[0] ?? "build", values["if-changed"]);
} catch (error) {
  if ((error as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS") !== true) throw error;
  console.error(`${(error as Error).message}\nusage: npm run docs [-- --if-changed]`);
  process.exitCode = 2;
}
