import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuditLog } from "#chapter-10/server/audit-log.ts";
import { DataLock } from "#chapter-10/server/data-lock.ts";
import { checkJournal } from "../check-journal.ts";

let directory: string;
let dataPath: string;
let journalPath: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "check-journal-"));
  dataPath = join(directory, "cars.json");
  journalPath = join(directory, "cars.log");
});

afterEach(() => rm(directory, { recursive: true, force: true }));

const whole = `${JSON.stringify({ at: "2026-01-01T00:00:00.000Z", change: ["CHANGE_MILEAGE", "024 HYR", 103491] })}\n`;

describe("checkJournal, hidden", () => {
  it("finds every cut of a journal written by AuditLog: whole at the end of a record, torn anywhere else", async () => {
    const log = await AuditLog.open(journalPath);
    await log.record(["NEW_REGISTRATION", "NEW 1", 4, 10, "Zoë Ångström"]);
    await log.record(["CHANGE_OWNER", "NEW 1", "Tomás Ortega 🚗"]);
    await log.record(["CHANGE_MILEAGE", "NEW 1", 20]);
    await log[Symbol.asyncDispose]();
    const bytes = await readFile(journalPath);
    const ends = [...bytes.entries()].filter(([, byte]) => byte === 0x0a).map(([index]) => index + 1);
    for (let cut = 0; cut <= bytes.length; cut++) {
      await writeFile(journalPath, bytes.subarray(0, cut));
      const before = ends.filter((end) => end <= cut);
      const okUpTo = before.at(-1) ?? 0;
      const problem = cut === okUpTo ? undefined : { kind: "torn", offset: okUpTo, bytes: cut - okUpTo };
      expect(await checkJournal(dataPath), `cut after ${cut} bytes`).toEqual({
        path: journalPath, size: cut, records: before.length, okUpTo, problem, fixed: false,
      });
    }
  });

  it("counts a last record without its newline as torn, even when it parses: it was never acknowledged", async () => {
    await writeFile(journalPath, `${whole}${whole.trimEnd()}`);
    expect(await checkJournal(dataPath)).toMatchObject({
      records: 1, okUpTo: whole.length, problem: { kind: "torn", offset: whole.length, bytes: whole.length - 1 },
    });
  });

  it("counts as damaged a line that is JSON but holds no change, and an empty line", async () => {
    const notRecords = ["", "{}", "null", "[]", "\"change\"", "{\"change\":[\"CHANGE_OWNER\"]}", "{\"change\":[1,\"024 HYR\"]}"];
    for (const line of notRecords) {
      await writeFile(journalPath, `${whole}${line}\n${whole}`);
      expect((await checkJournal(dataPath)).problem, JSON.stringify(line)).toEqual({ kind: "damaged", offset: whole.length, record: 2 });
    }
  });

  it("fixes once: a second fix finds nothing wrong, and a fix of a whole journal changes nothing", async () => {
    await writeFile(journalPath, `${whole}${whole}{"at":"2026`);
    expect(await checkJournal(dataPath, { fix: true })).toMatchObject({ records: 2, fixed: true });
    expect(await checkJournal(dataPath, { fix: true })).toEqual({
      path: journalPath, size: 2 * whole.length, records: 2, okUpTo: 2 * whole.length, problem: undefined, fixed: false,
    });
    expect(await readFile(journalPath, "utf8")).toBe(`${whole}${whole}`);
  });

  it("gives the data file's lock back after a fix, whatever it found, and checks without it while a server runs", async () => {
    for (const journal of [`${whole}{"at"`, `${whole}`, `{}\n${whole}`]) {
      await writeFile(journalPath, journal);
      await checkJournal(dataPath, { fix: true });
      const server = await DataLock.acquire(dataPath); // refused if checkJournal still held the lock
      try {
        expect((await checkJournal(dataPath)).records).toBe(journal.startsWith("{}") ? 0 : 1);
      } finally {
        await server.release();
      }
    }
  });
});
