/**
 * One PostgreSQL for every test file of a grading run. Starting a server takes a second or more of
 * the two cores a class is graded on, and an exercise of chapter 17 has two test files: started by
 * each file, servers alone would take most of the time a class of 30 may take. So, for a batch with
 * an exercise whose `exercise.json` says `"postgres": true`, the grader starts one, hands its URL
 * to the tests in {@link POSTGRES_URL_VARIABLE}, and stops it once the batch is graded. A test
 * file that finds the variable creates its databases there, under names no other file can pick;
 * without it (`npx vitest run` by hand), it starts a server of its own, as chapter 17's tests do.
 */
import type { PostgresServer } from "../../src/testing/postgres-server.ts";

/** The variable that tells the tests the URL of the grader's server (its database `postgres`, as its superuser). */
export const POSTGRES_URL_VARIABLE = "COURSE_POSTGRES_URL";

/**
 * Starts the server the batch's tests share. Resolves with undefined when PostgreSQL is not
 * installed, or does not start: then each test file tries on its own, and says why it cannot in
 * its exercise's feedback (or skips, outside CI, as chapter 17's tests do).
 */
export async function startSharedPostgres(): Promise<PostgresServer | undefined> {
  try {
    const { PostgresServer, postgresMissing } = await import("../../src/testing/postgres-server.ts");
    return postgresMissing === undefined ? await PostgresServer.startTemporary() : undefined;
  } catch {
    return undefined;
  }
}
