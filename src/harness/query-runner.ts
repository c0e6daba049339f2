/**
 * Sends list and count queries the spec allows, expecting 200 (anything else breaks
 * `<op>/params/valid-query-200`), and pages through results with a bound on the pages.
 */
import { expectStatus, verify } from './verify.ts';
import { formatTerm, type FilterTerm } from '../oracles/filter-oracle.ts';
import type { Exchange } from '../client/exchange.ts';
import type { ListQuery, User, UsersClient } from '../client/users-client.ts';

export interface Query {
  terms: FilterTerm[];
  sortBy?: string;
  sortOrder?: string;
  search?: string;
}

export const describeQuery = (q: Query & { offset?: number; limit?: number }) =>
  [q.terms.length ? `filterBy=${q.terms.map(formatTerm).join(',')}` : '', q.sortBy && `sortBy=${q.sortBy}`, q.sortOrder && `sortOrder=${q.sortOrder}`, q.search !== undefined && `search=${q.search}`, q.offset !== undefined && `offset=${q.offset}`, q.limit !== undefined && `limit=${q.limit}`]
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

export async function listPage(client: UsersClient, q: Query, offset?: number, limit?: number): Promise<Exchange<User[]>> {
  const ex = expectStatus(await client.get_users(listParams(q, offset, limit)), 200, 'get_users/params/valid-query-200');
  verify(Array.isArray(ex.body), 'list body is not an array', { requirement: 'get_users/response/schema', exchange: ex });
  return ex;
}

export async function countOf(client: UsersClient, q: Query): Promise<{ count: number; exchange: Exchange<{ count: number }> }> {
  const ex = expectStatus(await client.count_users({ filterBy: listParams(q).filterBy, search: q.search }), 200, 'count_users/params/valid-query-200');
  return { count: ex.body.count, exchange: ex };
}

export interface Paged {
  pages: Exchange<User[]>[];
  users: User[];
}

/** Pages with `limit` until a short page; at most `maxPages` (a server ignoring offset must not loop forever). */
export async function listAll(client: UsersClient, q: Query, limit: number, maxPages: number): Promise<Paged> {
  const pages: Exchange<User[]>[] = [];
  for (let offset = 0; pages.length < maxPages; offset += limit) {
    const page = await listPage(client, q, offset, limit);
    pages.push(page);
    if (page.body.length < limit) break;
  }
  return { pages, users: pages.flatMap((p) => p.body) };
}
