import { describe, expect, it } from "vitest";
import { readChapters } from "../tools/literate/chapters.ts";
import { formatLocation } from "../tools/literate/location.ts";
import { readTranscripts, type Transcript } from "../tools/transcript/parse.ts";
import { TRANSCRIPTS_OF, TranscriptRunner } from "../tools/transcript/run.ts";

const root = process.cwd();
const chapters = await readChapters(root);
const transcripts = chapters.flatMap((chapter) => readTranscripts(chapter));
/** `npm test -- --chapter N` runs only chapter N's transcripts. */
const focus = process.env[TRANSCRIPTS_OF];
const chosen = focus === undefined ? transcripts : transcripts.filter((transcript) => transcript.location.file === `chapters/${focus}.md`);

async function expectTranscriptToMatch(transcript: Transcript): Promise<void> {
  await using runner = await TranscriptRunner.create(root);
  for (const outcome of await runner.run(transcript)) {
    const where = `${formatLocation(outcome.step.location)}: $ ${outcome.step.command}`;
    if (outcome.problem !== undefined) {
      expect.soft(outcome.actual.join("\n"), `${where}: ${outcome.problem}`).toBe(outcome.step.expected.join("\n"));
      expect(outcome.problem, where).toBeUndefined();
    }
  }
}

const title = (transcript: Transcript) => `${formatLocation(transcript.location)} prints what the text says`;
const TIMEOUT_MS = 300_000;

describe("the Try it transcripts of the chapters", () => {
  it("are found in the chapters", () => {
    expect(transcripts.length).toBeGreaterThan(0);
  });

  // Each runs in a sandbox of its own, on a port of its own, so they can all run side by side.
  describe.concurrent("each", () => {
    for (const transcript of chosen) it(title(transcript), () => expectTranscriptToMatch(transcript), TIMEOUT_MS);
  });
});
