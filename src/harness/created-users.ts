/**
 * Every user the run created, as the target answered a create with its id: appended by each
 * worker as it happens, read by the teardown, so cleanup deletes by id whether or not the
 * target's list or get works (and survives a worker that crashed). A delete the target
 * answered with 2xx is appended too, so the teardown does not send it again (a user a lying
 * delete left standing is still found by the name sweep).
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CreatedUser {
  id: string;
  /** The email the run asked for (the server may have stored it in another letter case). */
  email?: string;
}

const folder = (reportDir: string) => join(reportDir, 'created');

export function createdUsersFile(reportDir: string, worker: string): string {
  mkdirSync(folder(reportDir), { recursive: true });
  return join(folder(reportDir), `${worker}.ndjson`);
}

export function recordCreated(file: string, user: CreatedUser): void {
  appendFileSync(file, `${JSON.stringify(user)}\n`);
}

export function recordDeleted(file: string, id: string): void {
  appendFileSync(file, `${JSON.stringify({ id, deleted: true })}\n`);
}

/** Written before a create is sent: a create whose answer never came may still have made the user. */
export function recordCreateSent(file: string, email: string): void {
  appendFileSync(file, `${JSON.stringify({ sent: email })}\n`);
}

export interface RunLog {
  /** Every user a create answered with an id, deleted or not. */
  created: CreatedUser[];
  /** Ids whose delete answered 2xx (a lying server may still have them). */
  deleted: Set<string>;
  /** Every email a create asked for, answered or not. */
  sent: string[];
}

/** What every worker wrote, in the order written. */
export function readRunLog(reportDir: string): RunLog {
  const log: RunLog = { created: [], deleted: new Set(), sent: [] };
  if (!existsSync(folder(reportDir))) return log;
  const byId = new Map<string, CreatedUser>();
  const sent = new Set<string>();
  for (const f of readdirSync(folder(reportDir))) {
    for (const line of readFileSync(join(folder(reportDir), f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const entry = JSON.parse(line) as CreatedUser & { deleted?: boolean; sent?: string };
        if (typeof entry.sent === 'string') sent.add(entry.sent);
        else if (typeof entry.id !== 'string') continue;
        else if (entry.deleted) log.deleted.add(entry.id);
        else byId.set(entry.id, { id: entry.id, email: entry.email });
      } catch {
        // A line cut short by a crash: the name sweep still finds that user.
      }
    }
  }
  return { ...log, created: [...byId.values()], sent: [...sent] };
}

/** Users the teardown could not delete: in the report folder, for the summary and `cleanup`. */
export const LEFTOVERS_FILE = 'leftovers.json';

export interface LeftoverUser {
  id: string;
  username: string;
  reason: string;
}

export function writeLeftovers(reportDir: string, leftovers: LeftoverUser[]): void {
  mkdirSync(reportDir, { recursive: true });
  writeFileSync(join(reportDir, LEFTOVERS_FILE), `${JSON.stringify(leftovers, null, 2)}\n`);
}

export function readLeftovers(reportDir: string): LeftoverUser[] {
  const file = join(reportDir, LEFTOVERS_FILE);
  if (!existsSync(file)) return [];
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}
