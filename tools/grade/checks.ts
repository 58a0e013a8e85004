import { readFile } from "node:fs/promises";
import path from "node:path";
import type { WorkspacePair } from "./batch-workspace.ts";
import type { Outcome } from "./scoring.ts";

/**
 * Why a pair cannot run, found without starting a process (a file missing, or an import of the
 * test framework), or undefined when it can.
 */
export async function checkBeforeRunning(root: string, pair: WorkspacePair): Promise<Outcome | undefined> {
  if (pair.missing.length > 0) return { problem: "missing-file", reason: `missing file(s): ${pair.missing.join(", ")}` };
  const { default: ts } = await import("typescript");
  for (const file of pair.exercise.files) {
    const text = await readFile(path.join(root, pair.dir, file), "utf8");
    for (const { fileName: specifier } of ts.preProcessFile(text, true, true).importedFiles) {
      const reason = forbiddenImport(file, specifier, pair.exercise.chapter);
      if (reason !== undefined) return { problem: "forbidden-import", reason };
    }
  }
  return undefined;
}

/**
 * Why a student's `file` may not import `specifier`, or undefined when it may. The test framework
 * is the one way to fake a pass from inside the tests' process; the code of another chapter, or
 * anything outside the exercise's folder, is code the exercise is not set against (a later
 * chapter may even hold the answer).
 */
export function forbiddenImport(file: string, specifier: string, chapter: number): string | undefined {
  const own = `#chapter-${String(chapter).padStart(2, "0")}/`;
  if (/^(vitest|@vitest\/)/.test(specifier)) return `${file} imports the test framework (vitest); a solution has no need of it`;
  if (specifier.startsWith("#") && !specifier.startsWith(own)) {
    return `${file} imports ${specifier}: this exercise is set in chapter ${chapter}, and uses its code as ${own}...`;
  }
  if (specifier.startsWith("../") || specifier.startsWith("/")) {
    return `${file} imports ${specifier}, outside the exercise's folder: use the chapter's code as ${own}...`;
  }
  return undefined;
}

/**
 * True when one of the student's files can change the types of other files: a script (no import
 * or export, so its declarations are global), a `declare global` or `declare module "..."`, or a
 * `/// <reference>` directive. In a batch, tsc checks every pair in one program, so such a file
 * could make another student's code compile, or fail to; its pair is type-checked alone.
 */
export async function reachesGlobalScope(root: string, pair: WorkspacePair): Promise<boolean> {
  const { default: ts } = await import("typescript");
  for (const file of pair.exercise.files.filter((name) => /\.[cm]?tsx?$/.test(name))) {
    const text = await readFile(path.join(root, pair.dir, file), "utf8");
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest);
    const directives = source.referencedFiles.length + source.typeReferenceDirectives.length + source.libReferenceDirectives.length;
    const ambient = source.statements.some((statement) =>
      ts.isModuleDeclaration(statement) && ((statement.flags & ts.NodeFlags.GlobalAugmentation) !== 0 || ts.isStringLiteral(statement.name)));
    if (!ts.isExternalModule(source) || directives > 0 || ambient) return true;
  }
  return false;
}
