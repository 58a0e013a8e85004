/**
 * The API reference: typedoc reads the complete system (`src/`, as the last chapter's snapshot has
 * it, so the reference always says what the chapters say; tests left out) and writes Markdown pages for
 * VitePress (typedoc-plugin-markdown + typedoc-vitepress-theme) to docs/api/, with
 * `typedoc-sidebar.json` for the sidebar. Every export must have a doc comment: the report names
 * those that lack one, and the build fails on them. Alongside, an index from each exported name to its page lets the chapters link
 * a symbol to its API page.
 */
import { existsSync, readdirSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { Application, DeclarationReflection, LogLevel, ReflectionKind, ReflectionType, RendererEvent, SignatureReflection, type ProjectReflection, type Router, type TypeDocOptions } from "typedoc";
import { writeProject } from "../course/typecheck.ts";
import { GENERATED, type ApiEntry } from "./course-site.ts";

/** What typedoc made of the code: problems that fail the build, and warnings to show. */
export interface ApiReport {
  /** Exports without a doc comment. */
  readonly undocumented: string[];
  /** typedoc's other warnings (a `{@link}` it cannot resolve, say). */
  readonly warnings: string[];
}

/** The page and anchor where the chapters write a line of `src/` (`src/x.ts`, 1-based), if they do. */
export type ChapterLinkOf = (file: string, line: number) => string | undefined;

/**
 * Writes the API pages and the API index from the snapshot in `snapshotDir` (relative to `root`,
 * holding `src/`). Each export's "Defined in" links to the chapter that writes it, by `linkOf`.
 */
export async function writeApiPages(root: string, snapshotDir: string | undefined, linkOf: ChapterLinkOf = () => undefined): Promise<ApiReport> {
  const out = path.join(root, GENERATED.api);
  await rm(out, { recursive: true, force: true });
  await mkdir(path.dirname(path.join(root, GENERATED.apiIndex)), { recursive: true });
  const base = path.join(root, snapshotDir ?? ".");
  const sources = snapshotDir === undefined ? [] : listSources(path.join(base, "src"));
  if (sources.length === 0) {
    await writeEmptyReference(root, out);
    return { undocumented: [], warnings: [] };
  }
  const warnings: string[] = [];
  const options: Partial<TypeDocOptions> & Record<string, unknown> = {
    name: "API reference",
    entryPoints: sources,
    tsconfig: path.join(root, await writeProject(root, "build/site/tsconfig.api.json", [path.posix.join("../..", snapshotDir ?? ".", "src")])),
    displayBasePath: base,
    plugin: ["typedoc-plugin-markdown", "typedoc-vitepress-theme"],
    out,
    docsRoot: path.join(root, "docs"),
    readme: "none",
    // One page per module (a file of src/), its exports as sections: the reader sees a file's API
    // together, and the site has a third of the pages to build.
    outputFileStrategy: "modules",
    // Each export gets an anchor of typedoc's own, which the API index links to.
    useHTMLAnchors: true,
    hidePageHeader: true,
    excludePrivate: true,
    excludeInternal: true,
    // A doc comment may link to a Node.js type (`{@link Console}`): send it to Node's documentation.
    externalSymbolLinkMappings: { "@types/node": { "*": "https://nodejs.org/api/" } },
    validation: { notExported: true, invalidLink: true, notDocumented: false, rewrittenLink: true },
    logLevel: "Warn",
    // "Defined in" links to the chapters, not to a git host: the links are set after conversion.
    disableGit: true,
    sourceLinkTemplate: "{path}#{line}",
  };
  const app = await Application.bootstrapWithPlugins(options);
  app.logger.log = (message, level) => {
    if (level >= LogLevel.Warn) warnings.push(String(message));
  };
  const project = await app.convert();
  if (project === undefined) return { undocumented: ["typedoc could not read src/"], warnings };
  app.validate(project);
  for (const reflection of Object.values(project.reflections)) {
    if (!(reflection instanceof DeclarationReflection || reflection instanceof SignatureReflection)) continue;
    for (const source of reflection.sources ?? []) {
      const url = linkOf(source.fileName, source.line);
      if (url === undefined) delete source.url;
      else source.url = url;
    }
  }
  let entries: ApiEntry[] = [];
  // The router, which knows each page and section, lives only while the pages are written.
  app.renderer.on(RendererEvent.END, () => {
    if (app.renderer.router !== undefined) entries = apiEntries(app.renderer.router, project, base);
  });
  await app.generateOutputs(project);
  await writeFile(path.join(root, GENERATED.apiIndex), JSON.stringify(entries, null, 2) + "\n");
  return { undocumented: undocumentedExports(project, base), warnings };
}

/** Each export of each module, with the page and section the reference gives it. */
function apiEntries(router: Router, project: ProjectReflection, base: string): ApiEntry[] {
  const entries: ApiEntry[] = [];
  for (const module of project.getChildrenByKind(ReflectionKind.Module)) {
    for (const reflection of module.children ?? []) {
      const fileName = reflection.sources?.[0]?.fullFileName;
      if (fileName === undefined || !router.hasUrl(reflection)) continue;
      const source = path.relative(base, fileName).split(path.sep).join("/");
      const url = router.getFullUrl(reflection).replace(/\.md(?=#|$)/, ".html");
      entries.push({ name: reflection.name, source, link: `/api/${url}` });
    }
  }
  return entries.sort((a, b) => a.link.localeCompare(b.link));
}

/** Every export of every module that has no doc comment, as `src/file.ts: name`. */
function undocumentedExports(project: ProjectReflection, base: string): string[] {
  const modules = project.getChildrenByKind(ReflectionKind.Module);
  const exports = (modules.length > 0 ? modules : [project]).flatMap((module) => module.children ?? []);
  return exports.filter((reflection) => !hasDocComment(reflection)).map((reflection) => {
    const file = reflection.sources?.[0]?.fullFileName;
    return `${file === undefined ? "?" : path.relative(base, file)}: ${reflection.name}`;
  });
}

function hasDocComment(reflection: DeclarationReflection): boolean {
  const signatures = [
    ...(reflection.signatures ?? []),
    ...(reflection.type instanceof ReflectionType ? reflection.type.declaration.signatures ?? [] : []),
  ];
  return reflection.hasComment() || signatures.some((signature) => signature.hasComment());
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
