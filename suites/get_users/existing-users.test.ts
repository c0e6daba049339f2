import { describe } from 'vitest';
import type { UsersClient } from '../../src/client/users-client.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { expectStatus, verify } from '../../src/harness/verify.ts';
import { RUNS_PREFIX } from '../../src/model/run-naming.ts';
import type { User } from '../../src/model/user.ts';
import { fieldKind, fieldValue, filterFields, operatorsFor } from '../../src/oracles/user-fields.ts';
import { fieldChanges } from '../../src/oracles/user-state.ts';

// Users the run did not create, read only: what the list shows of each, what GET by id shows, and
// what every filter that selects it implies must agree. Other writers may change a user between
// two reads: a difference counts only when a third read shows the user as it was.
const requirement = 'get_users/state/existing-users-agree';
/** Users a page of the sample holds: a few in the standard profile, more in the full. */
const sampleSize = (full: boolean) => (full ? 20 : 8);

/** The terms that select a user by each field it has a value in: an exact one, and a range around each time. */
function selecting(user: User): string[] {
  return filterFields.flatMap((field) => {
    const value = fieldValue(user, field);
    if (value === null) return [];
    const ops = operatorsFor(fieldKind(field));
    return fieldKind(field) === 'date'
      ? ops.filter((op) => op !== '==').map((op) => `${field}${op}${value}`)
      : [`${field}${ops.includes('==') ? '==' : ops[0]}${value}`];
  });
}

/** The list's entry and GET by id of one user: stable fields equal, times only moved forwards. */
async function sameInBoth(client: UsersClient, listed: User): Promise<void> {
  const fetched = await client.get_user_by_id(listed.id);
  if (fetched.response.status === 404) return; // deleted by someone in between
  expectStatus(fetched, 200, requirement);
  if (fieldChanges(listed, fetched.body, true).length === 0) return;
  // Read both again, together: a writer in between explains a first difference, not a second.
  const [relisted, again] = await Promise.all([
    client.get_users({ filterBy: [`username==${listed.username}`] }),
    client.get_user_by_id(listed.id),
  ]);
  const entry = relisted.response.status === 200 ? relisted.body.find((u) => u.id === listed.id) : undefined;
  if (!entry || again.response.status !== 200) return;
  // Named by field and id: the values of other people's users stay out of the report.
  const fields = [...new Set(fieldChanges(entry, again.body, true).map((c) => c.field))];
  verify(fields.length === 0, `user ${listed.id}: ${fields.join(', ')} differ between the list and GET by id`, {
    requirement,
    exchange: again,
  });
}

/** A filter of a user's own values lists it (read again before it is judged: the values may have moved). */
async function selectedByItsValues(client: UsersClient, user: User): Promise<void> {
  const filtered = await client.get_users({ filterBy: selecting(user) });
  if (expectStatus(filtered, 200, requirement).body.some((u) => u.id === user.id)) return;
  const again = await client.get_user_by_id(user.id);
  if (again.response.status !== 200 || fieldChanges(user, again.body, false).length > 0) return;
  const second = await client.get_users({ filterBy: selecting(again.body) });
  verify(
    expectStatus(second, 200, requirement).body.some((u) => u.id === user.id),
    `user ${user.id} is not listed by the filter of its own values`,
    { requirement, exchange: second },
  );
}

const agrees = async (client: UsersClient, listed: User) => {
  await sameInBoth(client, listed);
  await selectedByItsValues(client, listed);
};

describe('get_users and get_user_by_id on users the run did not create', () => {
  check(requirement, async ({ client, run }) => {
    const SAMPLE = sampleSize(run.includes('full'));
    const { count } = expectStatus(await client.count_users(), 200).body;
    // The first page, and one at a place chosen by chance: nothing scans the whole dataset.
    const offset = Math.floor(Math.random() * Math.max(1, count - SAMPLE));
    // And users of each value of every boolean filter field (SSO users beside local ones), whatever the order.
    const kinds = filterFields
      .filter((f) => fieldKind(f) === 'boolean')
      .flatMap((f) => ['true', 'false'].map((v) => client.get_users({ limit: 4, filterBy: [`${f}==${v}`] })));
    const pages = await Promise.all([
      ...[0, offset].map((o) => client.get_users({ limit: SAMPLE, offset: o })),
      ...kinds,
    ]);
    const sample = new Map<string, User>();
    for (const page of pages)
      for (const u of expectStatus(page, 200).body)
        if (!u.username.toLowerCase().startsWith(RUNS_PREFIX)) sample.set(u.id, u);
    await Promise.all([...sample.values()].map((listed) => agrees(client, listed)));
  });
});
