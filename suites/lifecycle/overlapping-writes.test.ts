import { describe } from 'vitest';
import {
  type Applied,
  explains,
  type Observed,
  type Pair,
  type SlotState,
  serialStates,
  type WriteOp,
  writePairs,
} from '../../generators/overlapping-writes.ts';
import type { CallOptions } from '../../src/client/users-client.ts';
import { check } from '../../src/harness/requirement-test.ts';
import type { RunContext } from '../../src/harness/run-context.ts';
import { capabilityMissing, createRunUser, loginAs, type RunUser } from '../../src/harness/run-users.ts';
import { expectStatus, verify } from '../../src/harness/verify.ts';
import { operation } from '../../src/spec/openapi.ts';

const REQUIREMENT = 'common/concurrency/linearizable-pairs';
/** The success status the spec documents for an operation (each has one 2xx). */
const success = (op: WriteOp) => Number(Object.keys(operation(op).responses).find((s) => s.startsWith('2')));

/** One email the pair acts on: its user before the pair (unless only creates act on it) and its session. */
interface Slot {
  email: string;
  original?: RunUser;
  token?: string;
  ops: { op: WriteOp; label: string }[];
}

async function prepare(run: RunContext, pair: Pair): Promise<Slot[]> {
  const targets = pair.sameUser ? [[pair.a, pair.b]] : [[pair.a], [pair.b]];
  return Promise.all(
    targets.map(async (ops, k) => {
      const labels = ops.map((op, i) => ({ op, label: `${op} (${pair.sameUser ? ['first', 'second'][i] : 'alone'})` }));
      if (ops.every((op) => op === 'create_user')) return { email: run.email(`lin${k}`), ops: labels };
      const original = await createRunUser(run, `lin${k}`);
      const token = await loginAs(run, original.username, original.password);
      return { email: original.email, original, token, ops: labels };
    }),
  );
}

async function send(run: RunContext, slot: Slot, op: WriteOp, n: number, opts: CallOptions): Promise<Applied> {
  const { client } = run;
  const id = slot.original?.id ?? '';
  if (op === 'change_user_password') {
    const password = `Overlap-${n}-${run.prefix}`.slice(0, 60);
    if (!slot.token || !slot.original) throw new Error('a password change needs a logged-in user');
    const body = { currentPassword: slot.original.password, newPassword: password };
    const ex = await client.change_user_password(body, { ...opts, as: { bearer: slot.token } });
    return { op, password, succeeded: ex.response.status === success(op) };
  }
  const ex = op === 'create_user' ? await client.create_user({ email: slot.email }, opts) : await client[op](id, opts);
  const body = ex.body as { tempPassword?: unknown } | undefined;
  const password = typeof body?.tempPassword === 'string' ? body.tempPassword : undefined;
  return { op, password, succeeded: ex.response.status === success(op) };
}

/** Who holds the slot's email now, and which of the passwords in play log in (where login works). */
async function observe(run: RunContext, slot: Slot, known: string[]): Promise<Observed & { ids: string[] }> {
  const { client } = run;
  const [list, original] = await Promise.all([
    client.get_users({ filterBy: [`username=@${slot.email}`] }),
    slot.original ? client.get_user_by_id(slot.original.id) : undefined,
  ]);
  expectStatus(list, 200, 'get_users/params/valid-query-200');
  const holders = list.body.filter((u) => u.username.toLowerCase() === slot.email.toLowerCase()).map((u) => u.id);
  const kept = original?.response.status === 200;
  const others = holders.filter((id) => id !== slot.original?.id);
  const holder: Observed['holder'] =
    others.length > 1 || (kept && others.length) ? 'several' : kept ? 'original' : others.length ? 'new' : 'none';
  // Passwords are judged only where created users can log in: the original user could.
  const username = slot.original?.username ?? slot.email;
  const working = slot.token
    ? (await Promise.all(known.map(async (p) => ((await loginAs(run, username, p)) ? [p] : [])))).flat()
    : undefined;
  return { holder, working, ids: others };
}

/** A state in words; passwords by the operation that gave them, never by their value. */
function describeState(s: SlotState | Observed, name: (p: string) => string): string {
  const parts = [`held by ${s.holder}`];
  if ('password' in s && s.holder !== 'none')
    parts.push(`password ${typeof s.password === 'string' ? name(s.password) : 'unknown'}`);
  if ('working' in s && s.working) parts.push(`logging in: [${s.working.map(name).join(', ')}]`);
  return parts.join(', ');
}

describe('overlapping writes leave a state of one serial order', () => {
  for (const pair of writePairs()) {
    const label = `${pair.a} and ${pair.b} at once, ${pair.sameUser ? 'on one user' : 'on two users'}`;
    check(
      REQUIREMENT,
      label,
      async ({ run }) => {
        const slots = await prepare(run, pair);
        const created: string[] = [];
        try {
          if (slots.some((s) => !s.token && s.ops.some((o) => o.op === 'change_user_password')))
            capabilityMissing(run, 'password-login', 'a created user cannot log in with its temporary password');
          const sends = slots.flatMap((slot) => slot.ops.map((o) => ({ slot, op: o.op })));
          const applied = await run.client.together(sends.length, (opts, i) => {
            const { slot, op } = sends[i] as (typeof sends)[number];
            return send(run, slot, op, i, opts);
          });
          let k = 0;
          for (const slot of slots) {
            const mine = applied.slice(k, k + slot.ops.length);
            const names = new Map<string, string>();
            if (slot.original) names.set(slot.original.password, 'the one before');
            for (const [i, a] of mine.entries())
              if (a.password) names.set(a.password, `the one ${slot.ops[i]?.label} gave`);
            k += slot.ops.length;
            const start: SlotState = slot.original
              ? { holder: 'original', password: slot.original.password, session: true }
              : { holder: 'none', password: undefined, session: false };
            const orders = mine.length === 2 ? [mine, [...mine].reverse()] : [mine];
            const possible = orders.flatMap((order) => serialStates(start, order, slot.original?.password));
            const observed = await observe(run, slot, [...names.keys()]);
            created.push(...observed.ids);
            const name = (p: string) => names.get(p) ?? 'another';
            verify(
              possible.some((s) => explains(s, observed, [...names.keys()])),
              `${label}: the target shows ${describeState(observed, name)}; ` +
                `serial orders leave ${possible.map((s) => describeState(s, name)).join(' or ')}`,
            );
          }
        } finally {
          const ids = [...slots.flatMap((s) => (s.original ? [s.original.id] : [])), ...created];
          await Promise.all(ids.map((id) => run.client.delete_user_by_id(id)));
        }
      },
      { profile: pair.sameUser ? 'standard' : 'full' },
    );
  }
});
