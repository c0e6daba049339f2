import { describe, expect, it } from 'vitest';
import { responseFindings } from '../../src/client/response-conformance.ts';

const json = 'application/json; charset=utf-8';
const codes = (op: string, status: number, contentType: string, body: unknown) =>
  responseFindings(op, { status, contentType, text: typeof body === 'string' ? body : JSON.stringify(body) }).map(
    (f) => `${f.code} ${f.requirement}`,
  );

describe('response conformance oracle', () => {
  it('passes documented statuses with valid bodies', () => {
    expect(codes('count_users', 200, json, { count: 1 })).toEqual([]);
    expect(codes('get_user_by_id', 404, json, { code: 404, message: 'Resource id not found.' })).toEqual([]);
    expect(codes('delete_user_by_id', 204, '', '')).toEqual([]);
    expect(codes('logout_user', 200, '', '')).toEqual([]);
  });

  it('flags an undocumented status under the operation', () => {
    expect(codes('count_users', 500, json, { code: 500, message: 'x' })).toEqual([
      'server-error common/robustness/no-server-error',
      'status-undocumented count_users/response/status-documented',
    ]);
    expect(codes('get_user_by_id', 202, json, {})).toEqual([
      'status-undocumented get_user_by_id/response/status-documented',
    ]);
  });

  it('flags a non-JSON content type, a non-JSON body and a schema violation', () => {
    expect(codes('get_users', 400, 'text/html', '<h1>bad</h1>')).toEqual([
      'content-type-not-json get_users/response/json-content-type',
      'body-not-json get_users/response/schema',
    ]);
    expect(codes('count_users', 200, json, { total: 1 })).toEqual(['schema-violation count_users/response/schema']);
  });

  it('flags error bodies that are not objects, and codes that differ from the status', () => {
    expect(codes('get_users', 400, json, '"oops"')).toContain('error-body-not-object common/error/body-is-object');
    expect(codes('get_users', 401, json, { code: 400, message: 'x' })).toEqual([
      'error-code-mismatch common/error/code-matches-status',
    ]);
  });

  it('flags every server error except a transient 503, documented or not', () => {
    expect(codes('get_users', 500, json, { code: 500, message: 'x' })).toEqual([
      'server-error common/robustness/no-server-error',
    ]);
    expect(codes('get_users', 503, json, { code: 503, message: 'x' })).toEqual([]);
  });

  it('flags a body on 204', () => {
    expect(codes('delete_user_by_id', 204, json, { deleted: true })).toEqual([
      'body-on-204 delete_user_by_id/response/no-content-body',
    ]);
  });

  it('accepts +json content types', () => {
    expect(codes('count_users', 200, 'application/problem+json', { count: 0 })).toEqual([]);
  });
});
