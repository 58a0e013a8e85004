import { describe, expect, it } from "vitest";
import { readChapters } from "../tools/literate/chapters.ts";
import { formatLocation } from "../tools/literate/location.ts";
import { readTranscripts, type Transcript } from "../tools/transcript/parse.ts";
import { TranscriptRunner } from "../tools/transcript/run.ts";

const root = process.cwd();
const transcripts = (await readChapters(root)).flatMap((chapter) => readTranscripts(chapter));
const startsAServer = (transcript: Transcript) => transcript.steps.some((step) => step.background);

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

  // Without a server of their own, transcripts can run side by side (a client that finds no
  // server on the course's port is part of the text), but not while a server holds that port.
  const alone = transcripts.filter((t) => !startsAServer(t));
  const withServer = transcripts.filter(startsAServer);
  if (alone.length > 0) {
    describe.concurrent("without a server", () => {
      for (const transcript of alone) it(title(transcript), () => expectTranscriptToMatch(transcript), TIMEOUT_MS);
    });
  }
  if (withServer.length > 0) {
    describe.sequential("with a server on the course's port, one at a time", () => {
      for (const transcript of withServer) it(title(transcript), () => expectTranscriptToMatch(transcript), TIMEOUT_MS);
    });
  }
});
