import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createdUsersFile,
  readRunLog,
  recordCreated,
  recordCreateSent,
  recordDeleted,
} from '../../src/harness/created-users.ts';

describe('the record of created users', () => {
  it('gives the teardown every created user, the deletes answered 2xx and every email sent, from every worker', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rc-created-'));
    const one = createdUsersFile(dir, 'w1');
    const two = createdUsersFile(dir, 'w2');
    recordCreateSent(one, 'a@x');
    recordCreated(one, { id: 'a', email: 'a@x' });
    recordCreateSent(one, 'b@x');
    recordCreated(one, { id: 'b', email: 'b@x' });
    recordCreated(two, { id: 'c' });
    // A create that never got its answer: only the email is known.
    recordCreateSent(two, 'lost@x');
    recordDeleted(one, 'a');
    // Deleted by another worker than the one that created it.
    recordDeleted(two, 'b');
    const log = readRunLog(dir);
    expect(log.created.map((u) => u.id)).toEqual(['a', 'b', 'c']);
    expect([...log.deleted].sort()).toEqual(['a', 'b']);
    expect(log.sent.sort()).toEqual(['a@x', 'b@x', 'lost@x']);
  });
});
