/**
 * Every user the run created, as the target answered a create with its id: appended by each
 * worker as it happens, read by the teardown, so cleanup deletes by id whether or not the
 * target's list or get works (and survives a worker that crashed).
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

export function readCreated(reportDir: string): CreatedUser[] {
  if (!existsSync(folder(reportDir))) return [];
  const byId = new Map<string, CreatedUser>();
  for (const f of readdirSync(folder(reportDir))) {
    for (const line of readFileSync(join(folder(reportDir), f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const user = JSON.parse(line) as CreatedUser;
        if (typeof user.id === 'string') byId.set(user.id, user);
      } catch {
        // A line cut short by a crash: the name sweep still finds that user.
      }
    }
  }
  return [...byId.values()];
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
