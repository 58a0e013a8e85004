import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/** One hint: its `<summary>` and the text it unfolds. */
export interface Hint {
  readonly title: string;
  readonly body: string;
}

/**
 * The hints of an exercise's README: each `<details>` block under the `## Hints` heading, in
 * order. On GitHub and on the course site they show folded, one click per hint; `npm run
 * exercise -- hint ID` prints the next one.
 */
export async function readHints(readmeFile: string): Promise<Hint[]> {
  const text = await readFile(readmeFile, "utf8");
  const start = text.search(/^## Hints\s*$/m);
  if (start < 0) return [];
  const rest = text.slice(start).split("\n").slice(1).join("\n");
  const section = rest.split(/^## /m)[0] ?? "";
  return [...section.matchAll(/<details>\s*<summary>(.*?)<\/summary>([\s\S]*?)<\/details>/g)].map(
    ([, summary = "", body = ""]) => ({ title: summary.trim(), body: body.trim() }),
  );
}

/** How many hints of each exercise the student has seen, kept in `build/` (not committed). */
export class HintProgress {
  readonly #file: string;

  constructor(root: string) {
    this.#file = path.join(root, "build", "exercise-hints.json");
  }

  /** How many hints of the exercise have been shown. */
  async seen(id: string): Promise<number> {
    return (await this.#read())[id] ?? 0;
  }

  /** Records that `count` hints of the exercise have been shown. */
  async record(id: string, count: number): Promise<void> {
    const progress = { ...(await this.#read()), [id]: count };
    await mkdir(path.dirname(this.#file), { recursive: true });
    await writeFile(this.#file, JSON.stringify(progress, null, 2) + "\n");
  }

  async #read(): Promise<Record<string, number>> {
    return readFile(this.#file, "utf8").then((text) => JSON.parse(text) as Record<string, number>, () => ({}));
  }
}
