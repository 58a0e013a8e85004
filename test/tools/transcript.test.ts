import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { matchLines, outputLines, readTranscripts } from "../../tools/transcript/parse.ts";
import { TranscriptRunner } from "../../tools/transcript/run.ts";
import { chapter, fence } from "./fixtures.ts";

function transcriptOf(...lines: string[]) {
  const [transcript] = readTranscripts(chapter(1, fence("console try", ...lines)));
  return transcript!;
}

describe("reading Try it transcripts", () => {
  it("splits a console try fence into commands and their output, with chapter lines", () => {
    const transcript = transcriptOf("$ npm start &", "Listening", "$ echo hi", "hi");
    expect(transcript.steps).toEqual([
      { command: "npm start", background: true, expected: ["Listening"], location: { file: "chapters/01-fixture.md", line: 2 } },
      { command: "echo hi", background: false, expected: ["hi"], location: { file: "chapters/01-fixture.md", line: 4 } },
    ]);
  });

  it("ignores console fences without the try flag", () => {
    expect(readTranscripts(chapter(1, fence("console", "$ rm -rf /")))).toEqual([]);
  });
});

describe("comparing output with the text", () => {
  it("matches lines exactly, ignoring trailing spaces", () => {
    expect(matchLines(["a", "b"], ["a", "b"])).toBe(true);
    expect(matchLines(["a", "b "], ["a", "b"])).toBe(true);
    expect(matchLines(["a"], ["a", "b"])).toBe(false);
    expect(matchLines(["a", "c"], ["a", "b"])).toBe(false);
  });

  it("lets a ... line stand for any number of lines, none included", () => {
    expect(matchLines(["a", "...", "z"], ["a", "b", "c", "z"])).toBe(true);
    expect(matchLines(["a", "...", "z"], ["a", "z"])).toBe(true);
    expect(matchLines(["a", "...", "z"], ["a", "b"])).toBe(false);
  });

  it("drops colour codes and trailing blank lines from output", () => {
    expect(outputLines("\x1b[32mok\x1b[39m  \r\n\n")).toEqual(["ok"]);
  });
});

describe("running a transcript", () => {
  async function run(...lines: string[]) {
    await using runner = await TranscriptRunner.create(process.cwd());
    return (await runner.run(transcriptOf(...lines))).map((outcome) => outcome.problem);
  }

  it("accepts output that matches the text", async () => {
    expect(await run("$ printf 'one\\ntwo\\n'", "one", "two")).toEqual([undefined]);
  });

  it("reports output that differs from the text", async () => {
    expect(await run("$ echo three", "four")).toEqual(["its output differs from the text"]);
  });

  it("insists that a failing command is followed by echo $?", async () => {
    expect(await run("$ exit 3")).toEqual(["it exited with status 3; show `$ echo $?` after it in the text"]);
    expect(await run("$ exit 3", "$ echo $?", "3")).toEqual([undefined, undefined]);
  });

  it("waits for a background command to print what the text shows, then runs the next", async () => {
    expect(await run("$ sleep 0.2; echo ready; sleep 0.5 &", "ready", "$ echo next", "next", "$ wait")).toEqual([undefined, undefined, undefined]);
  });

  it("reports a background command still running when the transcript ends, and stops it", async () => {
    await using runner = await TranscriptRunner.create(process.cwd());
    const outcomes = await runner.run(transcriptOf("$ echo $$ > server.pid; echo ready; exec sleep 60 &", "ready", "$ echo next", "next"));
    expect(outcomes.map((outcome) => [outcome.step.command, outcome.problem])).toEqual([
      ["echo $$ > server.pid; echo ready; exec sleep 60", undefined],
      ["echo next", undefined],
      ["echo $$ > server.pid; echo ready; exec sleep 60", expect.stringMatching(/^it is still running when the Try it ends/)],
    ]);
    const pid = Number(await readFile(path.join(runner.sandbox, "server.pid"), "utf8"));
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it("shows npm's own lines, as a student's terminal does, unless the command asks npm to be silent", async () => {
    await using runner = await TranscriptRunner.create(process.cwd());
    const [loud, silent] = await runner.run(transcriptOf("$ npm run tangle -- --check", "...", "$ npm run -s tangle -- --check", "..."));
    expect(loud?.actual.slice(0, 4)).toEqual(["", "> car-registration-course@0.1.0 tangle", "> node --import tsx tools/tangle/cli.ts --check", ""]);
    expect(silent?.actual).toEqual([expect.stringMatching(/^src\/ matches the chapters/)]);
  });

  it("shows what background commands print until they exit at `wait`", async () => {
    expect(await run("$ echo ready; sleep 0.2; echo done &", "ready", "$ wait", "done")).toEqual([undefined, undefined]);
  });

  it("gives each runner a port of its own in CAR_SERVER_PORT, and shows it as the text's 9653", async () => {
    await using first = await TranscriptRunner.create(process.cwd());
    await using second = await TranscriptRunner.create(process.cwd());
    expect(first.port).not.toBe(second.port);
    expect([first.port, second.port]).not.toContain(9653);
    const [outcome] = await first.run(transcriptOf("$ echo \"port $CAR_SERVER_PORT, at 127.0.0.1:$CAR_SERVER_PORT\"", "..."));
    expect(outcome?.actual).toEqual([`port ${first.port}, at 127.0.0.1:9653`]);
  });

  it("gives each runner a database port of its own in CAR_DATABASE_PORT, shown as the text's 5433", async () => {
    await using runner = await TranscriptRunner.create(process.cwd());
    expect(runner.databasePort).not.toBe(runner.port);
    const [outcome] = await runner.run(transcriptOf("$ echo \"at 127.0.0.1:$CAR_DATABASE_PORT/postgres\"", "..."));
    expect(outcome?.actual).toEqual(["at 127.0.0.1:5433/postgres"]);
  });

  it("stops the commands it started when the process running the transcript dies without stopping them", async () => {
    const scratch = await mkdtemp(path.join(tmpdir(), "transcript-orphan-"));
    try {
      // Each command writes the id of the process that goes on running (sh execs sleep in its place).
      const started = (name: string) => `sh -c 'echo $$ > ${path.join(scratch, name)}; exec sleep 60'`;
      const text = ["# One", "", "```console try", `$ ${started("background")} &`, `$ ${started("foreground")}`, "```", ""].join("\n");
      const script = [
        `import { readTranscripts } from ${JSON.stringify(path.resolve("tools/transcript/parse.ts"))};`,
        `import { TranscriptRunner } from ${JSON.stringify(path.resolve("tools/transcript/run.ts"))};`,
        `const [transcript] = readTranscripts({ number: 1, slug: "01-one", file: "chapters/01-one.md", text: ${JSON.stringify(text)} });`,
        `await (await TranscriptRunner.create(process.cwd())).run(transcript);`,
      ].join("\n");
      const runner = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: "ignore" });
      const pidOf = async (name: string) => Number(await readFile(path.join(scratch, name), "utf8").catch(() => "0"));
      const both = async () => [await pidOf("background"), await pidOf("foreground")];
      await expect.poll(async () => (await both()).includes(0), { timeout: 20_000 }).toBe(false);
      const pids = await both();
      runner.kill("SIGKILL");
      // A killed process whose parent is gone waits as a zombie until the system's first process
      // collects it, which on some machines takes seconds: a zombie runs nothing any more.
      const running = async () => {
        const stats = await Promise.all(pids.map((pid) => readFile(`/proc/${pid}/stat`, "utf8").catch(() => "")));
        return stats.filter((stat) => stat !== "" && !/^\d+ \(.*\) Z /.test(stat)).length;
      };
      await expect.poll(running, { timeout: 20_000, interval: 200 }).toBe(0);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });

  it("runs in a copy of the course, so files written by one run do not reach the next", async () => {
    expect(await run("$ test -e marker || echo fresh; touch marker", "fresh")).toEqual([undefined]);
    expect(await run("$ test -e marker || echo fresh; touch marker", "fresh")).toEqual([undefined]);
  });
});
