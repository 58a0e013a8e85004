/**
 * Generated pages, one pair per chapter: the code as of the chapter (every file of its snapshot:
 * in full, with the fences it is made of, where the chapter wrote it, or else a link to the page
 * that shows it) and what changed since the previous chapter (a diff).
 * They are written to gitignored folders under docs/ before VitePress builds the site.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { structuredPatch } from "diff";
import { anchorFor, type IndexedFence } from "../literate/cross-references.ts";
import type { SourceLocation } from "../literate/location.ts";
import type { Snapshot, TangledFile } from "../tangle/tangle.ts";
import { fenceLink, GENERATED, pageOf, type ChapterPage, type CourseSite } from "./course-site.ts";

/** Writes every chapter's code page and changes page, replacing the folders' old contents. */
export async function writeCodePages(site: CourseSite): Promise<void> {
  for (const folder of [GENERATED.code, GENERATED.changes]) {
    await rm(path.join(site.root, folder), { recursive: true, force: true });
    await mkdir(path.join(site.root, folder), { recursive: true });
  }
  for (const [index, page] of site.chapters.entries()) {
    const snapshot = site.index.snapshots[index];
    if (snapshot === undefined) continue;
    const previous = index > 0 ? site.index.snapshots[index - 1] : undefined;
    await writeFile(path.join(site.root, GENERATED.code, `${page.chapter.slug}.md`), codePage(site, page, snapshot));
    await writeFile(path.join(site.root, GENERATED.changes, `${page.chapter.slug}.md`), changesPage(site, page, snapshot, previous));
  }
}

/** The page listing every file of a chapter's snapshot. */
export function codePage(site: CourseSite, page: ChapterPage, snapshot: Snapshot): string {
  const { number, slug } = page.chapter;
  const files = [...snapshot.files.values()];
  const parts = [
    frontmatter(`Code as of chapter ${number}`),
    `# The code as of chapter ${number}`,
    "",
    `Every file of the course's code at the end of [chapter ${number}, ${escapeText(page.title)}](${page.link}),`
      + ` as \`npm run chapter -- ${number}\` writes it to \`build/chapters/${slug}/src/\`:`
      + " each file this chapter wrote in full, the others as a link to the chapter's page that shows them."
      + ` [What changed since the previous chapter](${page.changesLink}).`,
    "",
    ...files.map((file) => `- [\`${file.path}\`](#${anchorFor({ kind: "file", path: file.path })})`),
    "",
  ];
  for (const file of files) {
    parts.push(`## \`${file.path}\` {#${anchorFor({ kind: "file", path: file.path })}}`, "");
    const shown = shownIn(site, snapshot, file);
    if (shown !== snapshot) {
      const where = pageOf(site, shown.chapter);
      parts.push(`Unchanged since chapter ${shown.chapter.number}:`
        + ` [the file as that chapter left it](${where?.codeLink ?? ""}#${anchorFor({ kind: "file", path: file.path })}).`, "");
      continue;
    }
    const fences = sourceFences(site, file);
    if (fences.length > 0) parts.push(`Made of ${fences.map((fence) => fenceMention(site, fence)).join(", ")}.`, "");
    parts.push(codeFence(languageOf(file.path), file.content), "");
  }
  return parts.join("\n");
}

/**
 * The earliest snapshot, up to `snapshot`, from which the file has this very content. The code
 * page of that chapter shows it in full; later pages link there, so that each version of a file
 * is highlighted and downloaded once, not once per chapter.
 */
function shownIn(site: CourseSite, snapshot: Snapshot, file: TangledFile): Snapshot {
  const snapshots = site.index.snapshots;
  let index = snapshots.indexOf(snapshot);
  while (index > 0 && snapshots[index - 1]?.files.get(file.path)?.content === file.content) index -= 1;
  return snapshots[index] ?? snapshot;
}

/** The page showing what changed between two snapshots. */
export function changesPage(site: CourseSite, page: ChapterPage, snapshot: Snapshot, previous: Snapshot | undefined): string {
  const { number } = page.chapter;
  const before = previous?.files ?? new Map<string, TangledFile>();
  const paths = [...new Set([...before.keys(), ...snapshot.files.keys()])].sort();
  const rows: string[] = [];
  const sections: string[] = [];
  for (const filePath of paths) {
    const old = before.get(filePath);
    const now = snapshot.files.get(filePath);
    const anchor = anchorFor({ kind: "file", path: filePath });
    const patch = structuredPatch(filePath, filePath, courseLines(old), courseLines(now), undefined, undefined, { context: 3 });
    const lines = patch.hunks.flatMap((hunk) => hunk.lines);
    const added = lines.filter((line) => line.startsWith("+")).length;
    const removed = lines.filter((line) => line.startsWith("-")).length;
    if (added === 0 && removed === 0) continue;
    const codeLink = `${page.codeLink}#${anchor}`;
    if (old === undefined) {
      rows.push(`| [\`${filePath}\`](${codeLink}) | new | +${added} |`);
      continue;
    }
    rows.push(`| [\`${filePath}\`](#${anchor}) | ${now === undefined ? "removed" : "changed"} | +${added} −${removed} |`);
    const diff = patch.hunks.map((hunk) =>
      [`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`, ...hunk.lines].join("\n")).join("\n");
    sections.push(`## \`${filePath}\` {#${anchor}}`, "",
      now === undefined ? "Removed in this chapter." : `[The whole file as of chapter ${number}](${codeLink}).`, "",
      codeFence("diff", diff + "\n"), "");
  }
  const intro = previous === undefined
    ? `Chapter ${number} starts the code: every file below is new. [The code as of this chapter](${page.codeLink}).`
    : `What [chapter ${number}, ${escapeText(page.title)}](${page.link}) changes in the code, compared with the code as of`
      + ` chapter ${previous.chapter.number}. The generated header comment of each file is left out.`
      + ` [The code as of this chapter](${page.codeLink}).`;
  return [
    frontmatter(`Changes in chapter ${number}`),
    `# What changed in chapter ${number}`,
    "",
    intro,
    "",
    rows.length === 0 ? "This chapter does not change the code." : "| file | change | lines |\n| --- | --- | --- |\n" + rows.join("\n"),
    "",
    ...sections,
  ].join("\n");
}

/** The file's lines that come from the chapters (not the generated header), as text. */
function courseLines(file: TangledFile | undefined): string {
  if (file === undefined) return "";
  const lines = file.lines.filter((line) => line.origin !== undefined).map((line) => line.text);
  return lines.length === 0 ? "" : lines.join("\n") + "\n";
}

/** The fences whose lines make up a file, in the order their lines first appear. */
function sourceFences(site: CourseSite, file: TangledFile): IndexedFence[] {
  const found = new Set<IndexedFence>();
  for (const { origin } of file.lines) {
    const fence = origin === undefined ? undefined : fenceAt(site, origin);
    if (fence !== undefined) found.add(fence);
  }
  return [...found];
}

/** The fence that holds a line of a chapter. */
function fenceAt(site: CourseSite, origin: SourceLocation): IndexedFence | undefined {
  return site.index.fencesOf(origin.file).find((entry) =>
    origin.line >= entry.fence.firstCodeLine && origin.line < entry.fence.firstCodeLine + lineCount(entry.fence.code));
}

/**
 * Where the chapters write line `line` of `filePath` as the last chapter leaves it: a link to the
 * fence the line comes from, for the API reference's "Defined in". Undefined for a generated line.
 */
export function chapterLinkOf(site: CourseSite, filePath: string, line: number): string | undefined {
  const origin = site.index.snapshots.at(-1)?.files.get(filePath)?.lines[line - 1]?.origin;
  const fence = origin === undefined ? undefined : fenceAt(site, origin);
  return fence?.anchor === undefined ? undefined : fenceLink(fence);
}

function lineCount(code: string): number {
  return code.split("\n").length - (code.endsWith("\n") ? 1 : 0);
}

function fenceMention(site: CourseSite, fence: IndexedFence): string {
  const target = fence.fence.info.target;
  const name = target?.kind === "chunk" ? `«${escapeText(target.name)}»` : "the file's own fence";
  return `[${name} (chapter ${fence.chapter.number})](${fenceLink(fence)})`;
}

/** Generated pages stay out of the search: the chapters show the same code, and rank first. */
function frontmatter(title: string): string {
  return `---\ntitle: ${JSON.stringify(title)}\noutline: [2, 2]\nsearch: false\n---\n`;
}

function languageOf(filePath: string): string {
  if (filePath.endsWith(".py")) return "python";
  return /\.[cm]?jsx?$/.test(filePath) ? "js" : "ts";
}

/** A fence long enough not to be closed by a run of backticks inside the code. */
function codeFence(language: string, code: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((match) => match[0].length));
  const marker = "`".repeat(longest + 1);
  return `${marker}${language}\n${code}${marker}`;
}

/** Escapes what Markdown (and Vue, in VitePress) would read as syntax in link text. */
function escapeText(text: string): string {
  return text.replace(/[[\]\\*_<>{}]/g, (char) => `\\${char}`);
}
