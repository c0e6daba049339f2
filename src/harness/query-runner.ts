/**
 * Sends list and count queries the spec allows, expecting 200 (anything else breaks
 * `<op>/params/valid-query-200`), and pages through results with a bound on the pages.
 */

import type { ListQuery, UsersClient } from '../client/users-client.ts';
import type { Exchange } from '../model/exchange.ts';
import type { User } from '../model/user.ts';
import { type FilterTerm, formatTerm } from '../oracles/filter-oracle.ts';
import { inPool } from './in-pool.ts';
import { expectStatus, verify } from './verify.ts';

export interface Query {
  terms: FilterTerm[];
  sortBy?: string;
  sortOrder?: string;
  search?: string;
}

export const describeQuery = (q: Query & { offset?: number; limit?: number }) =>
  [
    q.terms.length ? `filterBy=${q.terms.map(formatTerm).join(',')}` : '',
    q.sortBy && `sortBy=${q.sortBy}`,
    q.sortOrder && `sortOrder=${q.sortOrder}`,
    q.search !== undefined && `search=${q.search}`,
    q.offset !== undefined && `offset=${q.offset}`,
    q.limit !== undefined && `limit=${q.limit}`,
  ]
    .filter(Boolean)
    .join('&');

function listParams(q: Query, offset?: number, limit?: number): ListQuery {
  return {
    filterBy: q.terms.length ? q.terms.map(formatTerm) : undefined,
    sortBy: q.sortBy,
    sortOrder: q.sortOrder,
    search: q.search,
    offset,
    limit,
  };
}

export async function listPage(
  client: UsersClient,
  q: Query,
  offset?: number,
  limit?: number,
): Promise<Exchange<User[]>> {
  const ex = expectStatus(
    await client.get_users(listParams(q, offset, limit)),
    200,
    'get_users/params/valid-query-200',
  );
  verify(Array.isArray(ex.body), 'list body is not an array', {
    requirement: 'get_users/response/schema',
    exchange: ex,
  });
  return ex;
}

export async function countOf(
  client: UsersClient,
  q: Query,
): Promise<{ count: number; exchange: Exchange<{ count: number }> }> {
  const ex = expectStatus(
    await client.count_users({ filterBy: listParams(q).filterBy, search: q.search }),
    200,
    'count_users/params/valid-query-200',
  );
  return { count: ex.body.count, exchange: ex };
}

export interface Paged {
  pages: Exchange<User[]>[];
  users: User[];
}

const PAGES_IN_FLIGHT = 8;

/**
 * Pages with `limit` until a short page; at most `maxPages` (a server ignoring offset must
 * not loop forever). With `expected` (a count, or the size of the run's own dataset) the
 * offsets are known in advance, so those pages are fetched concurrently: a slow target's
 * latency is paid once per batch rather than once per page.
 */
export async function listAll(
  client: UsersClient,
  q: Query,
  limit: number,
  maxPages: number,
  expected?: number,
  /** Offsets advance by `step`: below `limit`, consecutive pages overlap (see pagesShifted). */
  step = limit,
): Promise<Paged> {
  const pages: Exchange<User[]>[] = [];
  const ahead = expected === undefined ? 1 : Math.min(maxPages, Math.floor(expected / step) + 1);
  while (pages.length < maxPages) {
    const batch = Math.max(1, Math.min(pages.length === 0 ? ahead : 1, maxPages - pages.length));
    const offsets = Array.from({ length: batch }, (_, i) => (pages.length + i) * step);
    const fetched = await inPool(offsets, PAGES_IN_FLIGHT, (offset) => listPage(client, q, offset, limit));
    const short = fetched.findIndex((p) => p.body.length < limit);
    pages.push(...(short >= 0 ? fetched.slice(0, short + 1) : fetched));
    if (short >= 0) break;
  }
  return { pages, users: pages.flatMap((p) => p.body) };
}

/**
 * Whether the data moved under a walk with overlapping pages (step = limit - 1): the last user
 * of a full page must come first on the next one, else a write in between shifted the pages.
 */
export function pagesShifted(pages: Exchange<User[]>[], limit: number): boolean {
  return pages.some((page, k) => {
    const next = pages[k + 1];
    return page.body.length === limit && next !== undefined && next.body[0]?.id !== page.body[limit - 1]?.id;
  });
}
