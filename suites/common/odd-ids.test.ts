import { describe } from 'vitest';
import { callOperation, takesUserId } from '../../src/harness/operation-calls.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { expectStatus } from '../../src/harness/verify.ts';
import { operations, writeOperations } from '../../src/spec/openapi.ts';

// Ids no server issues; sent percent-encoded, or as they are where the id is an escape no
// client would send: well-formed in the URL, but of bytes that are no UTF-8. Each is invented
// by the run, so even a mutation may carry it.
const oddIds: { name: string; id: string; raw?: boolean }[] = [
  { name: 'a 1000-character id', id: 'x'.repeat(1000) },
  { name: 'a Unicode id', id: 'üser-名前-😀' },
  { name: 'an id with %', id: '100%' },
  { name: 'an id with spaces', id: 'a b c' },
  { name: 'an id with an encoded slash', id: 'a/b' },
  { name: 'an escape of an overlong UTF-8 sequence', id: 'x%C0%AF', raw: true },
  { name: 'an escape of a UTF-16 surrogate in UTF-8', id: 'x%ED%A0%80', raw: true },
];

for (const op of operations.values()) {
  if (!takesUserId(op.operationId)) continue;
  describe(op.operationId, () => {
    for (const odd of oddIds) {
      check(
        'common/robustness/odd-ids-4xx',
        `${op.method} ${op.path} with ${odd.name}`,
        async ({ client, run }) => {
          expectStatus(
            await callOperation(client, run, op.operationId, {
              identity: 'admin',
              userId: client.ownership.invent(odd.id),
              options: { rawPathParams: odd.raw },
            }),
            [400, 404],
          );
        },
        { profile: writeOperations.includes(op.operationId) ? 'standard' : 'smoke' },
      );
    }
  });
}
