import { describe, expect, it } from 'vitest';
import { pagesShifted } from '../../src/harness/query-runner.ts';
import type { Exchange } from '../../src/model/exchange.ts';
import type { User } from '../../src/model/user.ts';

const page = (...ids: string[]) => ({ body: ids.map((id) => ({ id })) }) as unknown as Exchange<User[]>;

describe('walks with pages that overlap by one user', () => {
  it('agree when the last user of each full page comes first on the next', () => {
    expect(pagesShifted([page('a', 'b', 'c'), page('c', 'd', 'e'), page('e')], 3)).toBe(false);
    expect(pagesShifted([page('a', 'b')], 3)).toBe(false);
  });

  it('tell a shift by a write between two pages, either way', () => {
    // b deleted after the first page: the second starts one user later.
    expect(pagesShifted([page('a', 'b', 'c'), page('d', 'e')], 3)).toBe(true);
    // A user inserted before c: the second page starts one user earlier.
    expect(pagesShifted([page('a', 'b', 'c'), page('x', 'c', 'd')], 3)).toBe(true);
    // A full page followed by an empty one: its last user vanished.
    expect(pagesShifted([page('a', 'b', 'c'), page()], 3)).toBe(true);
  });
});
