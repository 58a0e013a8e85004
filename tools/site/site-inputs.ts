/**
 * The fingerprint of everything the site is made from, so that `npm test` builds the site only
 * when something it shows has changed: an instructor who edits a test or a tool does not wait for
 * a site that would come out the same.
 */
import { createHash } from "node:crypto";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { GENERATED } from "./course-site.ts";

/** The files and folders the site is made from, relative to the repository root. */
const INPUTS = ["chapters", "exercises", "solutions", "docs", "tools", "package.json", "package-lock.json", "tsconfig.base.json"];

/** What the build writes into those folders, which is output, not input. */
const OUTPUTS = new Set<string>([GENERATED.code, GENERATED.changes, GENERATED.api, "docs/dist"]);

/** Where the fingerprint of the last successful build is kept. */
const STAMP = "build/site/inputs.sha256";

/** A SHA-256 over the path and content of every input file, in a fixed order. */
export async function siteInputsHash(root: string): Promise<string> {
  const hash = createHash("sha256");
  for (const file of await inputFiles(root)) {
    hash.update(`${file}\0`);
    hash.update(await readFile(path.join(root, file)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** True when the last build was made from inputs with this fingerprint. */
export async function isBuiltFrom(root: string, fingerprint: string): Promise<boolean> {
  const stamp = await readFile(path.join(root, STAMP), "utf8").catch(() => "");
  return stamp.trim() === fingerprint;
}

/** Forgets the last build's fingerprint, before a build that may stop halfway. */
export async function forgetBuild(root: string): Promise<void> {
  await rm(path.join(root, STAMP), { force: true });
}

/** Records that docs/dist/ was built from inputs with this fingerprint. */
export async function recordBuild(root: string, fingerprint: string): Promise<void> {
  await writeFile(path.join(root, STAMP), `${fingerprint}\n`);
}

async function inputFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  const visit = async (relative: string): Promise<void> => {
    if (OUTPUTS.has(relative) || path.basename(relative) === "node_modules") return;
    const entries = await readdir(path.join(root, relative), { withFileTypes: true }).catch(() => undefined);
    if (entries === undefined) {
      files.push(relative);
      return;
    }
    for (const entry of entries) await visit(path.posix.join(relative, entry.name));
  };
  for (const input of INPUTS) await visit(input);
  return files.sort();
}
