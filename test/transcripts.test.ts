import { describe, expect, it } from "vitest";
import { readChapters } from "../tools/literate/chapters.ts";
import { formatLocation } from "../tools/literate/location.ts";
import { readTranscripts } from "../tools/transcript/parse.ts";
import { TranscriptRunner } from "../tools/transcript/run.ts";

const root = process.cwd();
const transcripts = (await readChapters(root)).flatMap((chapter) => readTranscripts(chapter));

// Transcripts start servers on the course's fixed port, so they run one at a time.
describe.sequential("the Try it transcripts of the chapters", () => {
  it("are found in the chapters", () => {
    expect(transcripts.length).toBeGreaterThan(0);
  });

  for (const transcript of transcripts) {
    it(`${formatLocation(transcript.location)} prints what the text says`, async () => {
      await using runner = await TranscriptRunner.create(root);
      for (const outcome of await runner.run(transcript)) {
        const where = `${formatLocation(outcome.step.location)}: $ ${outcome.step.command}`;
        if (outcome.problem !== undefined) {
          expect.soft(outcome.actual.join("\n"), `${where}: ${outcome.problem}`).toBe(outcome.step.expected.join("\n"));
          expect(outcome.problem, where).toBeUndefined();
        }
      }
    }, 300_000);
  }
});
