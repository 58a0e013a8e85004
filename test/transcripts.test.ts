import { describe, expect, inject, it } from "vitest";
import { readChapters } from "../tools/literate/chapters.ts";
import { formatLocation } from "../tools/literate/location.ts";
import { readTranscripts, type Transcript } from "../tools/transcript/parse.ts";
import { TranscriptRunner } from "../tools/transcript/run.ts";

const root = process.cwd();
// `npm test` hands the transcripts down (one chapter's for `--chapter N`); vitest run by hand reads them.
const transcripts = inject("transcripts") ?? (await readChapters(root)).flatMap((chapter) => readTranscripts(chapter));
const inOrderToo = inject("transcriptsInOrder") ?? true;

/** Runs `transcript` with `runner`, and fails the test, naming the command and where it is, at any step that differs from the text. */
async function expectTranscriptToMatch(runner: TranscriptRunner, transcript: Transcript): Promise<void> {
  for (const outcome of await runner.run(transcript)) {
    const where = `${formatLocation(outcome.step.location)}: $ ${outcome.step.command}`;
    if (outcome.problem !== undefined) {
      expect.soft(outcome.actual.join("\n"), `${where}: ${outcome.problem}`).toBe(outcome.step.expected.join("\n"));
      expect(outcome.problem, where).toBeUndefined();
    }
  }
}

async function inAFreshCopy(transcript: Transcript): Promise<void> {
  await using runner = await TranscriptRunner.create(root);
  await expectTranscriptToMatch(runner, transcript);
}

/** Every transcript, chapter after chapter, in one copy of the course: what a student following the book meets. */
async function inOrderInOneCopy(): Promise<void> {
  await using runner = await TranscriptRunner.create(root);
  for (const transcript of transcripts) await expectTranscriptToMatch(runner, transcript);
}

const title = (transcript: Transcript) => `${formatLocation(transcript.location)} prints what the text says`;
const TIMEOUT_MS = 300_000;
const IN_ORDER_TIMEOUT_MS = 900_000;

describe("the Try it transcripts of the chapters", () => {
  it("are found in the chapters", () => {
    expect(transcripts.length).toBeGreaterThan(0);
  });

  // Each runs in a sandbox of its own, on a port of its own, so they can all run side by side.
  describe.concurrent("each, in a fresh copy of the course", () => {
    for (const transcript of transcripts) it(title(transcript), () => inAFreshCopy(transcript), TIMEOUT_MS);
    // Beside them: all of them in one folder, as a student who reads the chapters in order runs them.
    // A Try it that leaves a server running, or a file the next one does not expect, fails here.
    if (inOrderToo) it("all in order, in one copy of the course, print what the text says", inOrderInOneCopy, IN_ORDER_TIMEOUT_MS);
  });
});
