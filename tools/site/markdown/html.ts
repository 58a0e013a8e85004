/**
 * What the literate plugin's parts share to write HTML: escaping text, a link, and the two kinds
 * of markdown-it token that carry raw HTML into a page.
 */
import type { StateCore, Token } from "markdown-it";

/** Escapes text for HTML content or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Reads back the entities an HTML highlighter writes, for text taken out of its output. */
export function unescapeHtml(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}

/** A link to `href` around `label`, which is HTML already. */
export function htmlLink(href: string, label: string): string {
  return `<a href="${escapeHtml(href)}">${label}</a>`;
}

/** A block token that renders as `content`, as it is. */
export function htmlBlock(state: StateCore, content: string): Token {
  const token = new state.Token("html_block", "", 0);
  token.content = content;
  return token;
}

/** An inline token that renders as `content`, as it is. */
export function htmlInline(state: StateCore, content: string): Token {
  const token = new state.Token("html_inline", "", 0);
  token.content = content;
  return token;
}

/** Puts a block of HTML right under the page's `# ` title. */
export function insertUnderTitle(state: StateCore, content: string): void {
  const titleEnd = state.tokens.findIndex((token) => token.type === "heading_close" && token.tag === "h1");
  state.tokens.splice(titleEnd + 1, 0, htmlBlock(state, content));
}
