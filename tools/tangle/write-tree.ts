import { mkdir, readdir, readFile, rm, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";

/** What writing a tree changed. */
export interface TreeChanges {
  /** Files created or rewritten, relative to the tree's root. */
  readonly written: string[];
  /** Files removed because no chapter produces them any more. */
  readonly removed: string[];
}

/** How a tree on disk differs from what the chapters say. */
export interface TreeDifferences {
  readonly missing: string[];
  readonly different: string[];
  readonly extra: string[];
}

/** Lists the files under `root/dir`, as `dir/...` paths with forward slashes. */
export async function listFiles(root: string, dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(path.join(root, dir), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const files: string[] = [];
  for (const entry of entries) {
    const child = `${dir}/${entry.name}`;
    if (entry.isDirectory()) files.push(...(await listFiles(root, child)));
    else files.push(child);
  }
  return files.sort();
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * Makes the files under `root/dir` exactly `files` (paths start with `dir/`).
 * A file whose content is already right is not touched, so file watchers stay quiet.
 */
export async function writeTree(root: string, dir: string, files: ReadonlyMap<string, string>): Promise<TreeChanges> {
  const written: string[] = [];
  for (const [file, content] of files) {
    const target = path.join(root, file);
    if ((await readIfExists(target)) === content) continue;
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
    written.push(file);
  }
  const removed = (await listFiles(root, dir)).filter((file) => !files.has(file));
  for (const file of removed) await rm(path.join(root, file));
  if (removed.length > 0) await removeEmptyDirectories(path.join(root, dir));
  return { written, removed };
}

/** Removes the empty folders left under `dir` after stale files went. */
async function removeEmptyDirectories(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) await removeEmptyDirectories(path.join(dir, entry.name));
  }
  if ((await readdir(dir)).length === 0) await rmdir(dir);
}

/** Compares the files under `root/dir` with `files`, without writing anything. */
export async function compareTree(root: string, dir: string, files: ReadonlyMap<string, string>): Promise<TreeDifferences> {
  const missing: string[] = [];
  const different: string[] = [];
  for (const [file, content] of files) {
    const actual = await readIfExists(path.join(root, file));
    if (actual === undefined) missing.push(file);
    else if (actual !== content) different.push(file);
  }
  const extra = (await listFiles(root, dir)).filter((file) => !files.has(file));
  return { missing, different, extra };
}
