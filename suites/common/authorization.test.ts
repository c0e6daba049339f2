import { describe } from 'vitest';
import { callOperation, takesUserId } from '../../src/harness/operation-calls.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { createRunUser } from '../../src/harness/run-users.ts';
import { expectStatus, notRun } from '../../src/harness/verify.ts';
import { operation, writeOperations } from '../../src/spec/openapi.ts';

for (const id of writeOperations) {
  const op = operation(id);
  const requirement = `${id}/auth/viewer-403`;
  describe(id, () => {
    check(requirement, `${op.method} ${op.path}`, async (t) => {
      if (!t.client.hasViewer) notRun('no RUNAI_VIEWER_TOKEN given');
      const user = takesUserId(id) ? await createRunUser(t.run, 'authz') : undefined;
      expectStatus(
        await callOperation(t.client, t.run, id, { identity: 'viewer', userId: user?.id }),
        403,
        requirement,
      );
      if (user) expectStatus(await t.client.get_user_by_id(user.id), 200, requirement);
    });
  });
}
