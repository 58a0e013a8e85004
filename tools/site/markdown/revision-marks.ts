/**
 * A revision shown as a change, as Crafting Interpreters marks its insertions: on a fence that
 * replaces an earlier version of a file or chunk, the lines that are new or changed are marked,
 * the lines kept from the earlier version are dimmed, and the lines it drops are listed below.
 */
import { diffArrays } from "diff";
import type { IndexedFence } from "../../literate/cross-references.ts";
import type { CourseSite } from "../course-site.ts";
import { escapeHtml } from "./html.ts";

/** What a revision changed, line by line, against the version it replaces. */
export interface Revision {
  /** For each line of the new version: true when it is new or changed. */
  readonly isNew: readonly boolean[];
  /** The lines of the earlier version that the new one no longer has. */
  readonly removed: readonly string[];
}

/** What `entry` changes, when it replaces an earlier version; undefined for any other fence. */
export function revisionOf(site: CourseSite, entry: IndexedFence): Revision | undefined {
  const { target, mode } = entry.fence.info;
  if (target === undefined || mode !== "replace") return undefined;
  const history = site.index.history(target);
  const position = history.indexOf(entry);
  let start = position - 1;
  while (start > 0 && history[start]?.fence.info.mode === "append") start -= 1;
  if (start < 0) return undefined;
  const before = history.slice(start, position).flatMap((previous) => linesOf(previous.fence.code));
  const after = linesOf(entry.fence.code);
  const isNew: boolean[] = [];
  const removed: string[] = [];
  for (const part of diffArrays(before, after)) {
    if (part.removed) removed.push(...part.value);
    else isNew.push(...part.value.map(() => part.added === true));
  }
  return { isNew, removed };
}

/**
 * The highlighted code with each line marked `literate-new` or `literate-kept`, and the removed
 * lines listed under it. Lines are the highlighter's `<span class="line">`; when their count is not
 * the code's (a highlighter that does not split lines), only the list is added.
 */
export function markRevision(code: string, revision: Revision): string {
  const lineCount = code.split(`<span class="line">`).length - 1;
  let index = 0;
  const marked = lineCount !== revision.isNew.length ? code
    : code.replace(/<span class="line">/g, () => {
      const mark = revision.isNew[index++] === true ? "literate-new" : "literate-kept";
      return `<span class="line ${mark}">`;
    });
  if (revision.removed.length === 0) return marked;
  const count = revision.removed.length === 1 ? "1 line" : `${revision.removed.length} lines`;
  const lines = revision.removed.map((line) => escapeHtml(line)).join("\n");
  return `${marked}<details class="literate-removed"><summary>${count} of the earlier version removed</summary><pre><code>${lines}</code></pre></details>`;
}

function linesOf(code: string): string[] {
  return (code.endsWith("\n") ? code.slice(0, -1) : code).split("\n");
}
