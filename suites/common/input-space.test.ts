import { describe } from 'vitest';
import {
  bodySlots,
  type InputSlot,
  queriedOperations,
  querySlots,
  termValue,
  validTerm,
} from '../../generators/input-slots.ts';
import {
  boundaryValues,
  confirmed,
  EDGE_CORPUS,
  type LabelledValue,
  nearMisses,
} from '../../generators/input-values.ts';
import type { CallOptions } from '../../src/client/users-client.ts';
import { callOperation, takesUserId } from '../../src/harness/operation-calls.ts';
import { check } from '../../src/harness/requirement-test.ts';
import type { RunContext } from '../../src/harness/run-context.ts';
import { loggedInRunUser } from '../../src/harness/run-users.ts';
import { expectStatus } from '../../src/harness/verify.ts';
import { fieldKind, filterFields, filterOperators, operatorsFor } from '../../src/oracles/user-fields.ts';
import { operations, writeOperations } from '../../src/spec/openapi.ts';

// Every input of every operation, derived from the spec: values exactly at each bound are
// accepted, values one edit past a constraint are refused with 400, and an edge corpus never
// gets a server error or an undocumented status. Independent requests go out together.

const send = (slot: InputSlot, value: unknown) => ({ [slot.name]: slot.itemized ? [value] : value });

/** Every field with every operator its kind takes: the filterBy terms the contract allows. */
const everyTerm = (): LabelledValue[] =>
  filterFields.flatMap((field) =>
    operatorsFor(fieldKind(field)).map((op) => {
      const value = `${field}${op}${termValue(field)}`;
      return { label: value, value };
    }),
  );

/**
 * Every field with every operator and a value of every kind: the pattern allows them all and the
 * contract gives only some a meaning; whatever a server makes of the rest, it is no server error.
 */
const everyPatternTerm = (): LabelledValue[] => {
  const values = [...new Set(filterFields.map(termValue))];
  return filterFields.flatMap((field) =>
    filterOperators.flatMap((op) => values.map((v) => ({ label: `${field}${op}${v}`, value: `${field}${op}${v}` }))),
  );
};

/** Field names in another letter case: the pattern spells them exactly. */
const recasedFields = (): LabelledValue[] =>
  filterFields.flatMap((field) => [
    { label: `${field} in upper case`, value: validTerm(field).replace(field, field.toUpperCase()) },
    { label: `${field} capitalised`, value: validTerm(field).replace(field, field[0]?.toUpperCase() + field.slice(1)) },
  ]);

for (const operationId of queriedOperations) {
  const call = (ctx: { client: RunContext['client'] }, query: Record<string, unknown>, opts?: CallOptions) =>
    ctx.client.call(operationId, { query }, opts);
  describe(`${operationId} query parameters`, () => {
    for (const slot of querySlots(operationId)) {
      const terms = slot.name === 'filterBy';
      const valid = confirmed(
        slot.pointer,
        [...boundaryValues(slot.schema, slot.sample), ...(terms ? everyTerm() : [])],
        true,
      );
      if (valid.length) {
        check(`${operationId}/input/boundary-accepted`, slot.name, async (t) => {
          const answers = await Promise.all(valid.map((v) => call(t, { limit: 1, ...send(slot, v.value) })));
          for (const ex of answers) expectStatus(ex, 200);
        });
      }
      const misses = confirmed(
        slot.pointer,
        [...nearMisses(slot.schema, slot.sample, { emptyString: false }), ...(terms ? recasedFields() : [])],
        false,
      );
      if (misses.length) {
        check(`${operationId}/input/near-miss-400`, slot.name, async (t) => {
          const answers = await Promise.all(misses.map((v) => call(t, send(slot, v.value))));
          for (const ex of answers) expectStatus(ex, 400);
        });
      }
      check('common/robustness/edge-corpus', `${operationId} ${slot.name}`, async (t) => {
        await Promise.all(EDGE_CORPUS.map((v) => call(t, { limit: 1, ...send(slot, v.value) })));
      });
      if (terms) {
        check(
          'common/robustness/edge-corpus',
          `${operationId} filterBy: every field, operator and kind of value`,
          async (t) => {
            await Promise.all(everyPatternTerm().map((v) => call(t, { limit: 1, ...send(slot, v.value) })));
          },
        );
      }
    }
  });
}

describe('path ids', () => {
  for (const op of operations.values()) {
    if (!takesUserId(op.operationId)) continue;
    // An empty id would name another route; every other corpus value is an id no server issued.
    const corpus = EDGE_CORPUS.filter((v) => v.value !== '');
    check(
      'common/robustness/edge-corpus',
      `${op.operationId} path id`,
      async ({ client, run }) => {
        const answers = await Promise.all(
          corpus.map((v) =>
            callOperation(client, run, op.operationId, {
              identity: 'admin',
              userId: client.ownership.invent(String(v.value)),
            }),
          ),
        );
        for (const ex of answers) expectStatus(ex, [400, 404]);
      },
      { profile: writeOperations.includes(op.operationId) ? 'standard' : 'smoke' },
    );
  }
});

describe('create_user body fields', () => {
  // Emails keep the run prefix, so a server that wrongly accepts one creates a user the run deletes.
  const slots = (run: RunContext) => bodySlots('create_user', { email: run.email('bnd') });
  check('create_user/input/boundary-accepted', async ({ client, run }) => {
    const keepPrefix = run.prefix.length;
    const bodies = slots(run).flatMap((slot) =>
      confirmed(slot.pointer, boundaryValues(slot.schema, run.email('bnd'), { keepPrefix }), true).map((v) =>
        slot.name === 'email' ? { email: v.value } : { email: run.email('bnd'), [slot.name]: v.value },
      ),
    );
    const answers = await Promise.all(bodies.map((body) => client.create_user(body)));
    for (const ex of answers) expectStatus(ex, [201, 409]);
  });

  check('create_user/input/near-miss-400', async ({ client, run }) => {
    const bodies = slots(run).flatMap((slot) =>
      confirmed(slot.pointer, nearMisses(slot.schema, slot.sample, { jsonTypes: true }), false).map((v) => ({
        email: run.email('miss'),
        [slot.name]: v.value,
      })),
    );
    const answers = await Promise.all(bodies.map((body) => client.create_user(body)));
    for (const ex of answers) expectStatus(ex, 400);
  });

  check(
    'common/robustness/edge-corpus',
    'create_user body fields',
    async ({ client, run }) => {
      const bodies = slots(run).flatMap((slot) =>
        EDGE_CORPUS.map((v) =>
          slot.name === 'email' ? { email: v.value } : { email: run.email('edge'), [slot.name]: v.value },
        ),
      );
      await Promise.all(bodies.map((body) => client.create_user(body)));
    },
    { profile: 'standard' },
  );
});

describe('change_user_password body fields (where a created user can log in)', () => {
  const slots = (password: string) =>
    bodySlots('change_user_password', { currentPassword: password, newPassword: password });

  check('change_user_password/input/boundary-accepted', async (t) => {
    const user = await loggedInRunUser(t.run, 'pwb');
    let current = user.password;
    const newPassword = slots(current).find((s) => s.name === 'newPassword');
    if (!newPassword) return;
    // Sequential: each accepted change makes the next current password.
    for (const v of confirmed(newPassword.pointer, boundaryValues(newPassword.schema, `Pw-${current}`), true)) {
      const next = String(v.value);
      const ex = await t.client.change_user_password(
        { currentPassword: current, newPassword: next },
        { as: { bearer: user.token } },
      );
      expectStatus(ex, 200);
      current = next;
    }
  });

  check('change_user_password/input/near-miss-400', async (t) => {
    const user = await loggedInRunUser(t.run, 'pwm');
    const bodies = slots(user.password).flatMap((slot) =>
      confirmed(slot.pointer, nearMisses(slot.schema, `Pw-${user.password}`, { jsonTypes: true }), false).map((v) => ({
        currentPassword: user.password,
        newPassword: `Next-${user.password}`,
        [slot.name]: v.value,
      })),
    );
    const answers = await Promise.all(
      bodies.map((body) => t.client.change_user_password(body, { as: { bearer: user.token } })),
    );
    for (const ex of answers) expectStatus(ex, 400);
  });
});
