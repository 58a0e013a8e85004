/**
 * The chapters' pictures: a ```mermaid fence is written into the page as its text, in a
 * `<pre class="mermaid">`, and the browser draws it (docs/.vitepress/theme/diagrams.ts). Mermaid
 * is not bundled by the site's build: it is a large library that Vite would take a third of the
 * build to process, while its own prebuilt file serves the browser as well.
 */
import type MarkdownIt from "markdown-it";
import { escapeHtml } from "./html.ts";

/** Renders mermaid fences as their text, for the browser to draw; other fences as before. */
export function diagramsPlugin(md: MarkdownIt): void {
  const renderFence = md.renderer.rules.fence;
  if (renderFence === undefined) throw new Error("diagramsPlugin: markdown-it has no fence renderer");
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    if (token?.info.trim() !== "mermaid") return renderFence(tokens, idx, options, env, self);
    // v-pre: the diagram's text is not a Vue template, whatever braces it holds.
    return `<pre class="mermaid" v-pre>${escapeHtml(token.content)}</pre>\n`;
  };
}
