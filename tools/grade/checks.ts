import { readFile } from "node:fs/promises";
import path from "node:path";
import type { WorkspacePair } from "./batch-workspace.ts";
import type { Outcome } from "./exercise-grade.ts";

/**
 * Why a pair cannot run, found without starting a process (a file missing, or an import of the
 * test framework), or undefined when it can.
 */
export async function checkBeforeRunning(root: string, pair: WorkspacePair): Promise<Outcome | undefined> {
  if (pair.missing.length > 0) return { problem: "missing-file", reason: `missing file(s): ${pair.missing.join(", ")}` };
  for (const file of pair.exercise.files) {
    const text = await readFile(path.join(root, pair.dir, file), "utf8");
    // Reaching into the test framework is the one way to fake a pass from inside the tests' process.
    if (/["'](vitest|@vitest\/[^"']*|vitest\/[^"']*)["']/.test(text)) {
      return { problem: "forbidden-import", reason: `${file} imports the test framework (vitest); a solution has no need of it` };
    }
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
