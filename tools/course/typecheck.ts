import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { formatLocation } from "../literate/location.ts";
import { snapshotDir } from "../tangle/course.ts";
import type { Snapshot } from "../tangle/tangle.ts";
import { runCommand } from "../process/command.ts";
import { bin } from "./node-tools.ts";

/** A type error, placed in the chapter when it comes from tangled code. */
export interface TypeDiagnostic {
  /** The chapter whose snapshot shows it first, or undefined for tools and tests. */
  readonly chapter: Snapshot["chapter"] | undefined;
  /** `chapters/NN-slug.md:line:column` for tangled code, the file's own place otherwise. */
  readonly where: string;
  /** Where it is in the generated code, for tangled code. */
  readonly generated: string | undefined;
  /** `TS2322: Type 'string' is not assignable...` with tsc's continuation lines. */
  readonly message: string;
}

/** Writes a tsconfig that checks the given folders with the course's strict settings. */
export async function writeProject(root: string, file: string, include: readonly string[]): Promise<string> {
  const dir = path.dirname(path.join(root, file));
  const base = path.relative(dir, path.join(root, "tsconfig.base.json")).split(path.sep).join("/");
  const config = { extends: base.startsWith(".") ? base : `./${base}`, include };
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(root, file), JSON.stringify(config, null, 2) + "\n");
  return file;
}

const DIAGNOSTIC = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;

/**
 * Runs `tsc --noEmit` on a project and maps each error in a snapshot back to its chapter line.
 * It runs incrementally: tsc keeps what it learnt in build/typecheck/, and the next run checks
 * only the files that changed and those that depend on them.
 */
export async function typecheck(root: string, project: string, snapshots: readonly Snapshot[]): Promise<TypeDiagnostic[]> {
  const buildInfo = path.join(root, "build", "typecheck", `${project.replace(/[\\/]/g, "_")}.tsbuildinfo`);
  const incremental = ["--incremental", "--tsBuildInfoFile", buildInfo];
  const { code, output } = await runCommand([...bin.tsc, "--noEmit", ...incremental, "--pretty", "false", "-p", project], { cwd: root });
  const errors: TypeDiagnostic[] = [];
  const seen = new Set<string>();
  for (const block of splitDiagnostics(output)) {
    const match = DIAGNOSTIC.exec(block[0] ?? "");
    if (match === null) {
      errors.push({ chapter: undefined, where: project, generated: undefined, message: block.join("\n") });
      continue;
    }
    const [, file = "", line = "0", column = "0", tsCode = "", text = ""] = match;
    const message = [`${tsCode}: ${text}`, ...block.slice(1)].join("\n");
    const mapped = mapToChapter(file.split(path.sep).join("/"), Number(line), snapshots);
    const where = mapped
      ? `${formatLocation(mapped.origin)}:${Math.max(1, Number(column) - mapped.shift)}`
      : `${file}:${line}:${column}`;
    if (seen.has(`${where} ${message}`)) continue; // the same chapter line, seen again in a later snapshot
    seen.add(`${where} ${message}`);
    errors.push({ chapter: mapped?.snapshot.chapter, where, generated: mapped ? `${file}:${line}` : undefined, message });
  }
  if (code !== 0 && errors.length === 0) {
    errors.push({ chapter: undefined, where: project, generated: undefined, message: output.trim() || `tsc exited with ${code}` });
  }
  return errors;
}

/** Type-checks one chapter's snapshot on its own, as `npm run chapter -- N` and `npm test -- --chapter N` do. */
export async function typecheckSnapshot(root: string, snapshot: Snapshot): Promise<TypeDiagnostic[]> {
  return typecheck(root, await writeProject(root, `${snapshotDir(snapshot)}/tsconfig.json`, ["src"]), [snapshot]);
}

/** tsc prints one diagnostic per line, with indented continuation lines. */
function splitDiagnostics(output: string): string[][] {
  const blocks: string[][] = [];
  for (const line of output.split("\n")) {
    if (line.trim() === "") continue;
    if (/^\s/.test(line) && blocks.length > 0) blocks.at(-1)?.push(line);
    else blocks.push([line]);
  }
  return blocks;
}

function mapToChapter(file: string, line: number, snapshots: readonly Snapshot[]) {
  for (const snapshot of snapshots) {
    const prefix = `${snapshotDir(snapshot)}/`;
    if (!file.startsWith(prefix)) continue;
    const tangled = snapshot.files.get(file.slice(prefix.length))?.lines[line - 1];
    return tangled?.origin ? { snapshot, origin: tangled.origin, shift: tangled.shift } : undefined;
  }
  return undefined;
}

/** Formats type errors grouped by chapter, in chapter order, for a terminal. */
export function formatTypeErrors(errors: readonly TypeDiagnostic[]): string {
  const groups = new Map<string, TypeDiagnostic[]>();
  const sorted = [...errors].sort((a, b) => (a.chapter?.number ?? Infinity) - (b.chapter?.number ?? Infinity)
    || a.where.localeCompare(b.where, undefined, { numeric: true }));
  for (const error of sorted) {
    const title = error.chapter ? `chapter ${error.chapter.number} (${error.chapter.file})` : "tools and tests";
    groups.set(title, [...(groups.get(title) ?? []), error]);
  }
  return [...groups].map(([title, group]) => [
    `type errors in ${title}:`,
    ...group.map((error) => `  ${error.where}: ${error.message}${error.generated ? `\n      (generated ${error.generated})` : ""}`),
  ].join("\n")).join("\n");
}
