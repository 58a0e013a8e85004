/**
 * Which of the chapters' test files test something new. Snapshot N holds every test of chapters 1
 * to N, so a test file written in chapter 1 runs eight times, and when neither it nor any file it
 * reaches has changed since, seven of those runs repeat the first exactly. `npm test` runs each
 * test file only in the first snapshot where it, or something it reaches, is new.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** Set to "1" by `npm test` to run each chapter test file only where its code is new. */
export const DISTINCT_TESTS_ONLY = "COURSE_DISTINCT_TESTS_ONLY";

/** A relative path in a string literal: an import, a dynamic import, a `new URL(...)`. */
const RELATIVE_PATH = /["'](\.{1,2}\/[^"'\n]+)["']/g;

/**
 * For each snapshot folder (holding `src/`), in chapter order, the test files (relative to the
 * snapshot) whose code differs from that of every test file of an earlier snapshot.
 */
export function distinctTestFiles(snapshotDirs: readonly string[]): string[][] {
  const seen = new Set<string>();
  return snapshotDirs.map((dir) => testFiles(dir).filter((file) => {
    const fingerprint = closureFingerprint(dir, file);
    if (seen.has(fingerprint)) return false;
    seen.add(fingerprint);
    return true;
  }));
}

/** The test files of a snapshot, relative to it, sorted. */
function testFiles(dir: string): string[] {
  const src = path.join(dir, "src");
  if (!existsSync(src)) return [];
  return readdirSync(src, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".test.ts"))
    .map((file) => path.posix.join("src", file.split(path.sep).join("/")))
    .sort();
}

/**
 * A hash of the test file and of every file it reaches through a relative path, each with its
 * place in the snapshot. Any relative path in a string counts, not only imports, so a server
 * that a test starts by its file name is part of the test.
 */
function closureFingerprint(dir: string, testFile: string): string {
  const reached = new Map<string, string>();
  const visit = (file: string) => {
    if (reached.has(file)) return;
    const text = readFileSync(path.join(dir, file), "utf8");
    reached.set(file, text);
    for (const [, relative = ""] of text.matchAll(RELATIVE_PATH)) {
      const target = path.posix.join(path.posix.dirname(file), relative);
      if (!target.startsWith("..") && existsSync(path.join(dir, target)) && !relative.endsWith("/")) visit(target);
    }
  };
  visit(testFile);
  const hash = createHash("sha256");
  for (const [file, text] of [...reached].sort(([a], [b]) => a.localeCompare(b))) hash.update(`${file}\0${text}\0`);
  return hash.digest("hex");
}
