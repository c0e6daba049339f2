/**
 * Every user the run created, as the target answered a create with its id: appended by each
 * worker as it happens, read by the teardown, so cleanup deletes by id whether or not the
 * target's list or get works (and survives a worker that crashed). A delete the target
 * answered with 2xx is appended too, so the teardown does not send it again (a user a lying
 * delete left standing is still found by the name sweep).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendLine, readLog, workerLog } from './worker-logs.ts';

export interface CreatedUser {
  id: string;
  /** The email the run asked for (the server may have stored it in another letter case). */
  email?: string;
}

const FOLDER = 'created';

export const createdUsersFile = (reportDir: string, worker: string) => workerLog(reportDir, FOLDER, worker);

export const recordCreated = (file: string, user: CreatedUser) => appendLine(file, user);

export const recordDeleted = (file: string, id: string) => appendLine(file, { id, deleted: true });

/** Written before a create is sent: a create whose answer never came may still have made the user. */
export const recordCreateSent = (file: string, email: string) => appendLine(file, { sent: email });

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
  const deleted = new Set<string>();
  const byId = new Map<string, CreatedUser>();
  const sent = new Set<string>();
  // A line cut short by a crash is skipped: the name sweep still finds that user.
  for (const entry of readLog<CreatedUser & { deleted?: boolean; sent?: string }>(reportDir, FOLDER)) {
    if (typeof entry.sent === 'string') sent.add(entry.sent);
    else if (typeof entry.id !== 'string') continue;
    else if (entry.deleted) deleted.add(entry.id);
    else byId.set(entry.id, { id: entry.id, email: entry.email });
  }
  return { created: [...byId.values()], deleted, sent: [...sent] };
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
