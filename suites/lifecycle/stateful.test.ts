import fc from 'fast-check';
import { describe } from 'vitest';
import { aliveUsers, type Judge, type UserModel, type UserReal, userCommands } from '../../generators/user-commands.ts';
import { observedCommands, observeWholeState, type Readings } from '../../generators/whole-state.ts';
import { holds } from '../../src/harness/property.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { expectStatus, verify } from '../../src/harness/verify.ts';

let runs = 0;
const judge: Judge = { status: expectStatus, holds: verify };

describe('stateful: random sequences of writes agree with a model', () => {
  check(
    [
      'get_users/lifecycle/list-reflects-writes',
      'delete_user_by_id/success/only-target-deleted',
      'common/state/fields-as-predicted',
      'get_users/state/list-matches-get',
    ],
    'random sequences of writes against a model, the whole state read back after each',
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
            touched: new Set(),
          };
          const model: UserModel = { alive: new Map(), deleted: new Set() };
          const readings: Readings = new Map();
          const observed = observedCommands(commands, async (m, r, command, target) => {
            await observeWholeState(
              {
                client,
                judge,
                prefix: r.prefix,
                alive: aliveUsers(m, r),
                action: command.toString(),
                target,
                touched: (username) => r.touched.has(username),
              },
              readings,
            );
          });
          try {
            await fc.asyncModelRun(() => ({ model, real }), observed);
          } finally {
            for (const id of model.alive.values()) await client.delete_user_by_id(id).catch(() => undefined);
          }
        },
        (commands) => commands.toString(),
        [],
        // Each run reads the whole state back after every command: fewer, fuller runs.
        0.6,
      );
    },
  );
});
