import { describe } from 'vitest';
import { refusedCall } from '../../src/harness/operation-calls.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { notRun } from '../../src/harness/verify.ts';
import { operation, writeOperations } from '../../src/spec/openapi.ts';

for (const id of writeOperations) {
  const op = operation(id);
  const requirement = `${id}/auth/viewer-403`;
  describe(id, () => {
    check(requirement, `${op.method} ${op.path}`, async (t) => {
      if (!t.client.hasViewer) notRun('no RUNAI_VIEWER_TOKEN given');
      await refusedCall(t.client, t.run, id, 'viewer', 403, requirement);
    });
  });
}
