/**
 * Links an export's first mention in the prose of the chapter that introduces it to its page in
 * the API reference: the reader meets `encodeFrame` and can look it up at once.
 */
import type { StateCore, Token } from "markdown-it";
import type { IndexedFence } from "../../literate/cross-references.ts";
import { introducedApiLink, type CourseSite } from "../course-site.ts";

/** An inline code span that names a symbol (`encodeFrame` or `encodeFrame()`), with the name in group 1. */
const SYMBOL = /^([A-Za-z_$][\w$]*)(?:\(\))?$/;

/**
 * In the chapter whose fences are `entries`, links the first mention as inline code of each
 * export those fences introduce (outside headings and links) to the export's API page.
 */
export function linkFirstMentions(state: StateCore, site: CourseSite, entries: readonly IndexedFence[]): void {
  const pages = introducedApiPages(site, entries);
  state.tokens.forEach((block, index) => {
    if (block.type !== "inline" || block.children === null || state.tokens[index - 1]?.type === "heading_open") return;
    block.children = linkMentions(state, block.children, pages);
  });
}

/** The API page of every export the fences introduce, by name. */
function introducedApiPages(site: CourseSite, entries: readonly IndexedFence[]): Map<string, string> {
  const pages = new Map<string, string>();
  for (const entry of entries) {
    for (const name of entry.exports) {
      const page = introducedApiLink(site, name, entry);
      if (page !== undefined) pages.set(name, page);
    }
  }
  return pages;
}

/**
 * A paragraph's inline tokens with each mention of a name in `pages`, outside a link, wrapped in
 * a link to its page; a name is linked once, so it is taken out of `pages`.
 */
function linkMentions(state: StateCore, children: readonly Token[], pages: Map<string, string>): Token[] {
  let linkDepth = 0;
  return children.flatMap((token) => {
    if (token.type === "link_open") linkDepth += 1;
    if (token.type === "link_close") linkDepth -= 1;
    const name = SYMBOL.exec(token.content)?.[1];
    const page = name === undefined ? undefined : pages.get(name);
    if (token.type !== "code_inline" || linkDepth > 0 || name === undefined || page === undefined) return [token];
    pages.delete(name);
    const open = new state.Token("link_open", "a", 1);
    open.attrSet("href", page);
    open.attrSet("title", `${name} in the API reference`);
    return [open, token, new state.Token("link_close", "a", -1)];
  });
}
