/**
 * Highlights each distinct piece of code once per build. The site shows the same code many times:
 * a file unchanged since chapter 3 is on the code pages of chapters 3 to 8, and VitePress renders
 * each page more than once (the page itself, its search entry). Shiki is a pure function of the
 * code, its language and the fence's attributes, so its answer can be kept; keeping it roughly
 * halves the time `npm run docs` takes.
 */
import type MarkdownIt from "markdown-it";

/** Wraps the highlighter of `md` (VitePress's Shiki) so that equal fences are highlighted once. */
export function highlightOnce(md: MarkdownIt): void {
  const highlight = md.options.highlight;
  if (!highlight) return;
  const highlighted = new Map<string, string>();
  md.options.highlight = (code, language, attributes) => {
    const key = `${language}\0${attributes}\0${code}`;
    let html = highlighted.get(key);
    if (html === undefined) {
      html = highlight(code, language, attributes);
      highlighted.set(key, html);
    }
    return html;
  };
}
