/**
 * Overlapping writes, judged against their serial orders: a table of every pair of write
 * operations (on one user, and on two), and a small model of what a serial run of each order
 * leaves behind (who holds the email, under which id, with which password). A pair that ran in
 * overlap must leave a state one of its two orders would leave.
 */
import { operations } from '../src/spec/openapi.ts';

/** The write operations of the spec, each as the model knows it. */
export type WriteOp =
  | 'create_user'
  | 'delete_user_by_id'
  | 'reset_user_password'
  | 'logout_user'
  | 'change_user_password';
const KNOWN: WriteOp[] = [
  'create_user',
  'delete_user_by_id',
  'reset_user_password',
  'logout_user',
  'change_user_password',
];

/** Every write operation of the spec (the caller's own too); one the model does not know is a suite error. */
export const WRITE_OPS: WriteOp[] = [...operations.values()]
  .filter((o) => o.method !== 'GET')
  .map(({ operationId: id }) => {
    const op = KNOWN.find((k) => k === id);
    if (!op) throw new Error(`no serial model for the write operation ${id}`);
    return op;
  });

export interface Pair {
  a: WriteOp;
  b: WriteOp;
  sameUser: boolean;
}

/** Every unordered pair of write operations (an operation with itself too), on one user and on two. */
export function writePairs(): Pair[] {
  const out: Pair[] = [];
  for (const sameUser of [true, false])
    WRITE_OPS.forEach((a, i) => {
      for (const b of WRITE_OPS.slice(i)) out.push({ a, b, sameUser });
    });
  return out;
}

/** A password the model cannot name: an operation that answered a failure would have set it. */
export const UNKNOWN: unique symbol = Symbol('unknown password');

/** What holds one email: nobody, the user made before the pair ran, or one a create of the pair made. */
export interface SlotState {
  holder: 'none' | 'original' | 'new';
  password: string | typeof UNKNOWN | undefined;
  /** Whether the session a password change uses is surely still valid (a logout or reset may end it). */
  session: boolean;
}

/** What one operation of a pair sent and got back, as the model needs it. */
export interface Applied {
  op: WriteOp;
  /** The temporary password its success answer gave (create, reset), or the new one a change sent. */
  password?: string;
  /** Whether it answered its documented success. */
  succeeded: boolean;
}

/**
 * The states `applied`, run alone on `state`, may leave; `current` is the password a change sends
 * as its current one. More than one where the contract leaves it open (whether a logout or a reset
 * ends the session a later change uses).
 */
export function apply(state: SlotState, applied: Applied, current: string | undefined): SlotState[] {
  const given = applied.password !== undefined && (applied.succeeded || applied.op === 'change_user_password');
  const password: SlotState['password'] = given ? applied.password : UNKNOWN;
  const original = state.holder === 'original';
  switch (applied.op) {
    case 'create_user':
      return [state.holder === 'none' ? { holder: 'new', password, session: false } : state];
    case 'delete_user_by_id':
      return [original ? { holder: 'none', password: undefined, session: false } : state];
    case 'reset_user_password':
      return [original ? { ...state, password, session: false } : state];
    case 'logout_user':
      return [{ ...state, session: false }];
    case 'change_user_password': {
      if (!original || state.password !== current) return [state];
      const changed: SlotState = { ...state, password };
      return state.session ? [changed] : [changed, state];
    }
  }
}

/** Every state a serial order of `first` then `second` may leave, from `start`. */
export function serialStates(start: SlotState, first: Applied[], current: string | undefined): SlotState[] {
  return first.reduce<SlotState[]>((states, applied) => states.flatMap((s) => apply(s, applied, current)), [start]);
}

/** What the target shows after the pair: who holds the email, and which known passwords log in. */
export interface Observed {
  /** 'several' when more than one user holds the email: no serial order leaves that. */
  holder: SlotState['holder'] | 'several';
  /** The known passwords that log in; undefined where the target offers no password login. */
  working?: string[];
}

/** Whether a state the model predicts is what was observed. */
export function explains(predicted: SlotState, observed: Observed, known: string[]): boolean {
  if (predicted.holder !== observed.holder) return false;
  if (!observed.working) return true;
  const expected = predicted.holder !== 'none' && typeof predicted.password === 'string' ? [predicted.password] : [];
  // A password the model cannot name is not among the known ones.
  return JSON.stringify(observed.working.filter((p) => known.includes(p)).sort()) === JSON.stringify(expected);
}
