/**
 * The API reference: typedoc reads `src/` (tests left out) and writes Markdown pages for
 * VitePress (typedoc-plugin-markdown + typedoc-vitepress-theme) to docs/api/, with
 * `typedoc-sidebar.json` for the sidebar. Every export must have a doc comment: a missing one
 * fails the build. Alongside, an index from each exported name to its page lets the chapters link
 * a symbol to its API page.
 */
import { existsSync, readdirSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { Application, DeclarationReflection, LogLevel, ReflectionKind, type TypeDocOptions } from "typedoc";
import { MarkdownPageEvent } from "typedoc-plugin-markdown";
import { writeProject } from "../course/typecheck.ts";
import { GENERATED, type ApiEntry } from "./course-site.ts";

/** The kinds of exports that need a doc comment. */
const DOCUMENTED_KINDS: NonNullable<TypeDocOptions["requiredToBeDocumented"]> = ["Class", "Interface", "Function", "Variable", "TypeAlias", "Enum"];

/** Writes the API pages and the API index; returns the problems typedoc found (none when all is well). */
export async function writeApiPages(root: string): Promise<string[]> {
  const out = path.join(root, GENERATED.api);
  await rm(out, { recursive: true, force: true });
  await mkdir(path.dirname(path.join(root, GENERATED.apiIndex)), { recursive: true });
  const sources = listSources(path.join(root, "src"));
  if (sources.length === 0) {
    await writeEmptyReference(root, out);
    return [];
  }
  const problems: string[] = [];
  const options: Partial<TypeDocOptions> & Record<string, unknown> = {
    name: "API reference",
    entryPoints: sources,
    tsconfig: path.join(root, await writeProject(root, "build/site/tsconfig.api.json", ["../../src"])),
    plugin: ["typedoc-plugin-markdown", "typedoc-vitepress-theme"],
    out,
    docsRoot: path.join(root, "docs"),
    readme: "none",
    hidePageHeader: true,
    excludePrivate: true,
    excludeInternal: true,
    validation: { notExported: true, invalidLink: true, notDocumented: true, rewrittenLink: true },
    requiredToBeDocumented: DOCUMENTED_KINDS,
    logLevel: "Warn",
  };
  const app = await Application.bootstrapWithPlugins(options);
  app.logger.log = (message, level) => {
    if (level >= LogLevel.Warn) problems.push(String(message));
  };
  const entries: ApiEntry[] = [];
  app.renderer.on(MarkdownPageEvent.END, (page) => {
    const model = page.model;
    if (!(model instanceof DeclarationReflection) || !model.parent?.kindOf(ReflectionKind.Module)) return;
    const source = model.sources?.[0]?.fileName;
    if (source === undefined) return;
    entries.push({ name: model.name, source, link: `/api/${page.url.replace(/\.md$/, ".html")}` });
  });
  const project = await app.convert();
  if (project === undefined) return [...problems, "typedoc could not read src/"];
  app.validate(project);
  await app.generateOutputs(project);
  entries.sort((a, b) => a.link.localeCompare(b.link));
  await writeFile(path.join(root, GENERATED.apiIndex), JSON.stringify(entries, null, 2) + "\n");
  return problems;
}

/** The code files of `src/`, tests left out, relative paths sorted. */
function listSources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.[cm]?ts$/.test(file) && !/\.test\.[cm]?ts$/.test(file) && !file.endsWith(".d.ts"))
    .map((file) => path.join(dir, file));
  return files.sort();
}

async function writeEmptyReference(root: string, out: string): Promise<void> {
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, "index.md"), "# API reference\n\nThe course has no code in `src/` yet.\n");
  await writeFile(path.join(out, "typedoc-sidebar.json"), "[]\n");
  await writeFile(path.join(root, GENERATED.apiIndex), "[]\n");
}
