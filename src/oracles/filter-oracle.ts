/**
 * What a filterBy term means for one user, in two strengths:
 * - mayMatch: some reading of the contract lets the user satisfy the term (soundness: a
 *   returned user must at least may-match every term);
 * - mustMatch: every reading says it satisfies the term (completeness: an owned user that
 *   must-match every term has to be returned).
 * Case rules of == and =@, string collation and how nulls compare are left open.
 */

import type { User } from '../model/user.ts';
import { everyCollationSays, someCollationSays } from './collation.ts';
import { compareInstants } from './timestamps.ts';
import { fieldKind, fieldValue } from './user-fields.ts';

export interface FilterTerm {
  field: string;
  op: string;
  value: string;
}

export const formatTerm = (t: FilterTerm) => `${t.field}${t.op}${t.value}`;

const holds = (op: string) => (order: number) => (op === '<=' ? order <= 0 : op === '>=' ? order >= 0 : order === 0);

function judge(user: User, term: FilterTerm, strict: boolean): boolean {
  const actual = fieldValue(user, term.field);
  if (actual === null) return !strict;
  switch (fieldKind(term.field)) {
    case 'boolean':
      return actual === (term.value === 'true');
    case 'date': {
      const order = compareInstants(String(actual), term.value);
      return order === undefined ? !strict : holds(term.op)(order);
    }
    case 'string': {
      const a = String(actual);
      if (term.op === '=@') return strict ? a.includes(term.value) : a.toLowerCase().includes(term.value.toLowerCase());
      if (term.op === '==') return strict ? a === term.value : a.toLowerCase() === term.value.toLowerCase();
      return strict
        ? everyCollationSays(a, term.value, holds(term.op))
        : someCollationSays(a, term.value, holds(term.op));
    }
  }
}

export const mayMatch = (user: User, term: FilterTerm) => judge(user, term, false);
export const mustMatch = (user: User, term: FilterTerm) => judge(user, term, true);

export interface SoundnessProblem {
  user: User;
  /** Terms the user cannot satisfy under any reading. */
  failed: FilterTerm[];
  /** True when the user satisfies some other term: the server likely ORed the terms. */
  orLike: boolean;
}

/** Returned users that break a term under every reading. */
export function soundnessProblems(users: User[], terms: FilterTerm[]): SoundnessProblem[] {
  const out: SoundnessProblem[] = [];
  for (const user of users) {
    const failed = terms.filter((t) => !mayMatch(user, t));
    if (failed.length) out.push({ user, failed, orLike: failed.length < terms.length && terms.length > 1 });
  }
  return out;
}

/** Users of `universe` that every reading says satisfy all terms but are missing from `returned`. */
export function missingUsers(universe: User[], terms: FilterTerm[], returned: User[]): User[] {
  const ids = new Set(returned.map((u) => u.id));
  return universe.filter((u) => !ids.has(u.id) && terms.every((t) => mustMatch(u, t)));
}
