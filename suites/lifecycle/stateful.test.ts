import fc from 'fast-check';
import { describe } from 'vitest';
import { type Judge, type UserModel, type UserReal, userCommands } from '../../generators/user-commands.ts';
import { holds } from '../../src/harness/property.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { expectStatus, verify } from '../../src/harness/verify.ts';

let runs = 0;
const judge: Judge = { status: expectStatus, holds: verify };

describe('stateful: random sequences of writes agree with a model', () => {
  check(
    ['get_users/lifecycle/list-reflects-writes', 'delete_user_by_id/success/only-target-deleted'],
    'random sequences of writes against a model',
    async ({ client, run }) => {
      await holds(
        userCommands,
        async (commands) => {
          // A fresh prefix per sequence: its list and count are exact whatever else is on the server.
          const real: UserReal = {
            client,
            judge,
            prefix: `${run.prefix}m${(runs++).toString(36)}-`,
            ids: new Map(),
          };
          const model: UserModel = { alive: new Map(), deleted: new Set() };
          try {
            await fc.asyncModelRun(() => ({ model, real }), commands);
          } finally {
            for (const id of model.alive.values()) await client.delete_user_by_id(id).catch(() => undefined);
          }
        },
        (commands) => commands.toString(),
      );
    },
  );
});
