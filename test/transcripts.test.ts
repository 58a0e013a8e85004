import { afterAll, beforeAll, describe, expect, inject, it, type ExpectStatic } from "vitest";
import { readChapters } from "../tools/literate/chapters.ts";
import { formatLocation } from "../tools/literate/location.ts";
import { readTranscripts, type Transcript } from "../tools/transcript/parse.ts";
import { TranscriptRunner } from "../tools/transcript/run.ts";

const root = process.cwd();
// `npm test` hands the transcripts down, and says how to run them: all in order in one copy (the
// whole run), or each in a fresh copy (one chapter's, for `--chapter N`). Vitest run by hand reads
// them from the chapters and runs them both ways.
const transcripts = inject("transcripts") ?? (await readChapters(root)).flatMap((chapter) => readTranscripts(chapter));
const how = inject("transcriptRun");
const eachFresh = how === undefined || how === "each fresh";
const inOrder = how === undefined || how === "in order";

/**
 * Runs `transcript` with `runner`, and fails the test, naming the command and where it is, at any
 * step that differs from the text. `expect` is the test's own: a soft assertion needs it when
 * tests run side by side.
 */
async function expectTranscriptToMatch(runner: TranscriptRunner, transcript: Transcript, expect: ExpectStatic): Promise<void> {
  for (const outcome of await runner.run(transcript)) {
    const where = `${formatLocation(outcome.step.location)}: $ ${outcome.step.command}`;
    if (outcome.problem !== undefined) {
      expect.soft(outcome.actual.join("\n"), `${where}: ${outcome.problem}`).toBe(outcome.step.expected.join("\n"));
      expect(outcome.problem, where).toBeUndefined();
    }
  }
}

async function inAFreshCopy(transcript: Transcript, expect: ExpectStatic): Promise<void> {
  await using runner = await TranscriptRunner.create(root);
  await expectTranscriptToMatch(runner, transcript, expect);
}

const title = (transcript: Transcript) => `${formatLocation(transcript.location)} prints what the text says`;
const TIMEOUT_MS = 300_000;

describe("the Try it transcripts of the chapters", () => {
  it("are found in the chapters", () => {
    expect(transcripts.length).toBeGreaterThan(0);
  });

  // Each runs in a sandbox of its own, on a port of its own, so they can all run side by side.
  if (eachFresh) {
    describe.concurrent("each, in a fresh copy of the course", () => {
      for (const transcript of transcripts) {
        it(title(transcript), ({ expect }) => inAFreshCopy(transcript, expect), TIMEOUT_MS);
      }
    });
  }

  // All of them in one folder, chapter after chapter, as a student who reads the book runs them:
  // a Try it that leaves a server running, or a file the next one does not expect, fails here.
  // One that fails does not stop the ones after it, which report on their own.
  if (inOrder) {
    describe.sequential("all in order, in one copy of the course", () => {
      let runner: TranscriptRunner | undefined;
      beforeAll(async () => {
        runner = await TranscriptRunner.create(root);
      });
      afterAll(() => runner?.[Symbol.asyncDispose]());
      for (const transcript of transcripts) it(title(transcript), async ({ expect }) => {
        if (runner === undefined) throw new Error("the copy of the course could not be made");
        await expectTranscriptToMatch(runner, transcript, expect);
      }, TIMEOUT_MS);
    });
  }
});
