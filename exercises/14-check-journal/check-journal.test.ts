import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Change } from "#chapter-10/server/audit-log.ts";
import { DataFileInUseError, DataLock } from "#chapter-10/server/data-lock.ts";
import { readJournal } from "#chapter-10/server/journal.ts";
import { checkJournal } from "./check-journal.ts";

let directory: string;
let dataPath: string;
let journalPath: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "check-journal-"));
  dataPath = join(directory, "cars.json");
  journalPath = join(directory, "cars.log");
});

afterEach(() => rm(directory, { recursive: true, force: true }));

/** One record of the journal, with its newline, as chapter 6's AuditLog writes it. */
function record(change: Change): Buffer {
  return Buffer.from(`${JSON.stringify({ at: "2026-01-01T00:00:00.000Z", change })}\n`);
}

const mileage = record(["CHANGE_MILEAGE", "024 HYR", 103491]);
const owner = record(["CHANGE_OWNER", "024 HYR", "Zoë Ångström"]);
const registration = record(["NEW_REGISTRATION", "NEW 1", 4, 10, "Ada Byrne"]);

describe("checkJournal", () => {
  it("finds nothing wrong with a journal of whole records, and counts them", async () => {
    const whole = Buffer.concat([mileage, owner, registration]);
    await writeFile(journalPath, whole);
    expect(await checkJournal(dataPath)).toEqual({
      path: journalPath, size: whole.length, records: 3, okUpTo: whole.length, problem: undefined, fixed: false,
    });
  });

  it("finds nothing wrong with a journal that is empty, or not there at all", async () => {
    const nothing = { path: journalPath, size: 0, records: 0, okUpTo: 0, problem: undefined, fixed: false };
    expect(await checkJournal(dataPath)).toEqual(nothing);
    await writeFile(journalPath, "");
    expect(await checkJournal(dataPath)).toEqual(nothing);
  });

  it("reports a last record cut short, with its offset and length in bytes", async () => {
    await writeFile(journalPath, Buffer.concat([mileage, registration.subarray(0, 30)]));
    expect(await checkJournal(dataPath)).toMatchObject({
      size: mileage.length + 30, records: 1, okUpTo: mileage.length, problem: { kind: "torn", offset: mileage.length, bytes: 30 },
    });
  });

  it("counts bytes, not characters: an ë or an Å takes two bytes of UTF-8", async () => {
    const text = `${owner.toString("utf8")}${mileage.toString("utf8").slice(0, 20)}`;
    await writeFile(journalPath, text);
    expect(await checkJournal(dataPath)).toMatchObject({
      size: owner.length + 20, records: 1, okUpTo: owner.length, problem: { kind: "torn", offset: owner.length, bytes: 20 },
    });
    expect(owner.length).toBe(owner.toString("utf8").length + 3); // ë, Å and ö: two bytes each
  });

  it("reports a record cut in the middle of a character with the bytes it really has", async () => {
    const cut = owner.indexOf("ë") + 1; // between the two bytes of ë
    await writeFile(journalPath, Buffer.concat([mileage, owner.subarray(0, cut)]));
    expect((await checkJournal(dataPath)).problem).toEqual({ kind: "torn", offset: mileage.length, bytes: cut });
  });

  it("reports the first damaged record, its number and offset; the records before it are whole", async () => {
    const damaged = Buffer.from("{\"at\":\"2026-01-01T00:00:00.000Z\",\"change\":[\"CHANGE_OW\u0000\n");
    await writeFile(journalPath, Buffer.concat([mileage, owner, damaged, registration, Buffer.from("not json\n")]));
    expect(await checkJournal(dataPath)).toMatchObject({
      records: 2, okUpTo: mileage.length + owner.length, problem: { kind: "damaged", offset: mileage.length + owner.length, record: 3 },
    });
  });

  it("counts a line that is not valid UTF-8 as damaged, even when it would pass for JSON", async () => {
    const flipped = Buffer.from(owner);
    flipped[owner.indexOf("ë")] = 0xff; // a byte no UTF-8 text holds, where ë began
    await writeFile(journalPath, Buffer.concat([mileage, flipped, registration]));
    expect((await checkJournal(dataPath)).problem).toEqual({ kind: "damaged", offset: mileage.length, record: 2 });
  });

  it("with fix, cuts a torn record off: the journal ends with its last whole record", async () => {
    const whole = Buffer.concat([mileage, owner]);
    await writeFile(journalPath, Buffer.concat([whole, registration.subarray(0, 25)]));
    expect(await checkJournal(dataPath, { fix: true })).toMatchObject({
      size: whole.length + 25, records: 2, okUpTo: whole.length, problem: { kind: "torn" }, fixed: true,
    });
    expect(await readFile(journalPath)).toEqual(whole);
    expect((await readJournal(journalPath)).tornBytes).toBe(0);
  });

  it("with fix, never cuts a damaged record, nor the acknowledged records after it", async () => {
    const journal = Buffer.concat([mileage, Buffer.from("{}\n"), owner, registration.subarray(0, 10)]);
    await writeFile(journalPath, journal);
    expect(await checkJournal(dataPath, { fix: true })).toMatchObject({
      records: 1, problem: { kind: "damaged", offset: mileage.length, record: 2 }, fixed: false,
    });
    expect(await readFile(journalPath)).toEqual(journal);
  });

  it("changes nothing without fix", async () => {
    const journal = Buffer.concat([mileage, registration.subarray(0, 10)]);
    await writeFile(journalPath, journal);
    expect(await checkJournal(dataPath)).toMatchObject({ problem: { kind: "torn" }, fixed: false });
    expect(await readFile(journalPath)).toEqual(journal);
  });

  it("refuses to fix while a server holds the data file's lock: its last record may be an append in progress", async () => {
    const journal = Buffer.concat([mileage, registration.subarray(0, 10)]);
    await writeFile(journalPath, journal);
    const server = await DataLock.acquire(dataPath); // held by this process, which runs
    try {
      await expect(checkJournal(dataPath, { fix: true })).rejects.toThrow(DataFileInUseError);
      expect(await readFile(journalPath)).toEqual(journal);
    } finally {
      await server.release();
    }
  });
});
