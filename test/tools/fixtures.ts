import type { Chapter } from "../../tools/literate/chapters.ts";

/** A chapter made from Markdown lines, numbered by position: the fixtures of the tangler's tests. */
export function chapter(number: number, ...lines: string[]): Chapter {
  const slug = `${String(number).padStart(2, "0")}-fixture`;
  return { number, slug, file: `chapters/${slug}.md`, text: lines.join("\n") + "\n" };
}

/** A fenced block: the info string, then code lines. */
export function fence(info: string, ...code: string[]): string {
  return ["```" + info, ...code, "```"].join("\n");
}
