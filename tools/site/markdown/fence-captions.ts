/**
 * The frame of a rendered fence: a caption that says what the fence is (a file, a chunk, and
 * whether it continues or replaces an earlier version; or a Try it), an id to link to, the
 * `«chunk»` references in its code linked to their definitions, and its cross-references below.
 */
import type { IndexedFence } from "../../literate/cross-references.ts";
import type { FenceInfo } from "../../literate/fence-info.ts";
import { fenceLink, type CourseSite } from "../course-site.ts";
import { crossReferences } from "./fence-cross-references.ts";
import { escapeHtml, unescapeHtml } from "./html.ts";
import { markRevision, revisionOf } from "./revision-marks.ts";

/**
 * A fence's highlighted `code` in its frame. `entry` is the fence in the cross-reference index, for
 * a fence of a chapter; without it (an exercise's or a page's fence) the fence only gets a
 * caption. A fence that is neither tangled nor a Try it is returned as it is.
 */
export function captionFence(site: CourseSite, info: FenceInfo, entry: IndexedFence | undefined, code: string): string {
  if (entry === undefined) return captionOnly(info, code);
  return entry.fence.info.target === undefined ? captionOnly(entry.fence.info, code) : captionTangled(site, entry, code);
}

/** A fence with a caption and nothing else: a Try it, or a file or chunk outside the chapters. */
function captionOnly(info: FenceInfo, code: string): string {
  if (info.target === undefined && info.flags.includes("try")) {
    return frame(undefined, `<span class="literate-kind">Try it</span> commands typed at the repository root, and what they print`, code, []);
  }
  if (info.target === undefined) return code;
  return frame(undefined, targetLabel(info), code, []);
}

/** A tangled fence of a chapter: caption with the files it ends up in, linked chunk references, cross-references. */
function captionTangled(site: CourseSite, entry: IndexedFence, code: string): string {
  const { info } = entry.fence;
  const files = info.target?.kind === "chunk" && entry.files.length > 0
    ? ` <span class="literate-in">in ${entry.files.map((file) => `<code>${escapeHtml(file)}</code>`).join(", ")}</span>` : "";
  const revision = revisionOf(site, entry);
  const linked = linkChunkReferences(site, entry, code);
  const shown = revision === undefined ? linked : markRevision(linked, revision);
  return frame(entry.anchor, targetLabel(info) + files, shown, crossReferences(site, entry), revision === undefined ? "" : " literate-revision");
}

/** The highlighted code with each `«chunk»` linked to the definition a reader of the fence's chapter sees. */
function linkChunkReferences(site: CourseSite, entry: IndexedFence, code: string): string {
  return code.replace(/«([^«»<>\n]+)»/g, (whole, name: string) => {
    const definition = site.index.chunkDefinition(unescapeHtml(name).trim(), entry.chapter.number);
    if (definition === undefined) return whole;
    return `<a class="literate-ref" href="${fenceLink(definition, entry)}">${whole}</a>`;
  });
}

/** What the caption calls the fence: "file `src/x.ts`" or "chunk «name»", and "continued" or "replaced". */
function targetLabel(info: FenceInfo): string {
  const { target, mode } = info;
  if (target === undefined) return "";
  const name = target.kind === "file"
    ? `<span class="literate-kind">file</span> <code>${escapeHtml(target.path)}</code>`
    : `<span class="literate-kind">chunk</span> <span class="literate-chunk">«${escapeHtml(target.name)}»</span>`;
  const modeLabel = mode === "append" ? " <span class=\"literate-mode\">continued</span>"
    : mode === "replace" ? " <span class=\"literate-mode\">replaced</span>" : "";
  return name + modeLabel;
}

/** The fence's frame: its id, its caption above the code, its cross-references below. */
function frame(anchor: string | undefined, caption: string, code: string, references: readonly string[], kind = ""): string {
  const id = anchor === undefined ? "" : ` id="${anchor}"`;
  const below = references.length === 0 ? "" : `<p class="literate-xref">${references.join(" · ")}</p>`;
  return `<div class="literate-fence${kind}"${id}><p class="literate-caption">${caption}</p>\n${code}${below}</div>\n`;
}
