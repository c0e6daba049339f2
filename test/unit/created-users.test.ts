import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createdUsersFile, readCreated, recordCreated, recordDeleted } from '../../src/harness/created-users.ts';

describe('the record of created users', () => {
  it('gives the teardown every created user not known deleted, from every worker', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rc-created-'));
    const one = createdUsersFile(dir, 'w1');
    const two = createdUsersFile(dir, 'w2');
    recordCreated(one, { id: 'a', email: 'a@x' });
    recordCreated(one, { id: 'b', email: 'b@x' });
    recordCreated(two, { id: 'c' });
    recordDeleted(one, 'a');
    // Deleted by another worker than the one that created it.
    recordDeleted(two, 'b');
    expect(readCreated(dir)).toEqual([{ id: 'c', email: undefined }]);
  });
});
