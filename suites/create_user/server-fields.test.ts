import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';
import { bodySlots } from '../../generators/input-slots.ts';
import { confirmed, nearMisses } from '../../generators/input-values.ts';
import { check } from '../../src/harness/requirement-test.ts';
import { expectStatus, verify } from '../../src/harness/verify.ts';
import { componentSchema, derefPointer, requestBodyPointer, schemaAt } from '../../src/spec/openapi.ts';

// What a client may not decide: the fields of a user the server owns, and whether a refused
// request made anything. Both from the spec: the User schema against the creation request's.
const NOT_HONOURED = 'create_user/body/server-fields-not-honoured';
const NOTHING_MADE = 'create_user/body/refused-creates-nothing';

const declared = Object.keys(schemaAt(derefPointer(requestBodyPointer('create_user'))).properties ?? {});
const userSchema = componentSchema('User2');

/** A value of each server-owned field's type that no server would choose on its own. */
function offered(name: string, type: string | undefined, format: string | undefined, email: string): unknown {
  if (name === 'id') return randomUUID();
  if (name === 'username') return `offered-${email}`;
  if (format === 'date-time') return '2001-02-03T04:05:06.000Z';
  if (type === 'boolean') return false;
  if (type === 'array') return ['rc-offered-admins'];
  return 'rc-offered-value';
}

describe('create_user: what the server decides', () => {
  check(NOT_HONOURED, async ({ client, run }) => {
    const email = run.email('own');
    const fields = Object.entries(userSchema.properties ?? {}).filter(([name]) => !declared.includes(name));
    const extra = Object.fromEntries(fields.map(([name, s]) => [name, offered(name, s.type, s.format, email)]));
    const created = expectStatus(await client.create_user({ email, ...extra }), [201, 400], NOT_HONOURED);
    if (created.response.status !== 201) return;
    const read = expectStatus(await client.get_user_by_id(created.body.id), 200, NOT_HONOURED);
    const user = read.body as unknown as Record<string, unknown>;
    const taken = fields
      .map(([name]) => name)
      .filter((name) => JSON.stringify(user[name]) === JSON.stringify(extra[name]));
    verify(taken.length === 0, `the server took what the body offered for ${taken.join(', ')}`, {
      requirement: NOT_HONOURED,
      exchange: created,
    });
  });

  check(NOTHING_MADE, async ({ client, run }) => {
    // Each body names a fresh email of the run and breaks the schema in another field.
    const slots = bodySlots('create_user', { email: run.email('nmx') }).filter((s) => s.name !== 'email');
    const bodies = slots.flatMap((slot) =>
      confirmed(slot.pointer, nearMisses(slot.schema, slot.sample, { jsonTypes: true }), false).map((v) => ({
        email: run.email('nmx'),
        [slot.name]: v.value,
      })),
    );
    const answers = await Promise.all(bodies.map((body) => client.create_user(body)));
    const refused = bodies.filter((_, i) => answers[i]?.response.status === 400).map((b) => b.email);
    const listed = expectStatus(await client.get_users({ filterBy: [`username=@${run.prefix}nmx`] }), 200).body;
    const made = listed.filter((u) => refused.includes(u.username.toLowerCase()));
    verify(made.length === 0, `${made.length} of ${refused.length} creates refused with 400 made their user`, {
      requirement: NOTHING_MADE,
    });
  });
});
