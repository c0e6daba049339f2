import { describe, expect, it } from 'vitest';
import { envelopeFindings, isImfFixdate, responseFindings } from '../../src/client/response-conformance.ts';

const json = 'application/json; charset=utf-8';
const codes = (op: string, status: number, contentType: string, body: unknown) =>
  responseFindings(op, { status, contentType, text: typeof body === 'string' ? body : JSON.stringify(body) }).map(
    (f) => `${f.code} ${f.requirement}`,
  );

const NOSNIFF = { 'x-content-type-options': 'nosniff' };
const headerCodes = (status: number, headers: Record<string, string>, bodyBytes = 2, overTls = false) =>
  envelopeFindings('get_users', {
    status,
    contentType: json,
    headers: { ...NOSNIFF, ...headers },
    bodyBytes,
    overTls,
  }).map((f) => f.code);

describe('HTTP header fields a status needs, in their form', () => {
  const date = new Date(Date.UTC(2026, 1, 3, 4, 5, 6)).toUTCString();
  it('takes an IMF-fixdate and refuses any other form of Date', () => {
    expect(isImfFixdate(date)).toBe(true);
    for (const other of ['2026-02-03T04:05:06Z', 'Tue, 03 Feb 2026 04:05:06 UTC', 'Sat, 31 Feb 2026 04:05:06 GMT', ''])
      expect(isImfFixdate(other), other).toBe(false);
    expect(headerCodes(200, { date })).toEqual([]);
    expect(headerCodes(200, { date: '2026-02-31 25:00' })).toEqual(['date-not-imf-fixdate']);
  });
  it("holds a 401's challenge to start with an auth-scheme", () => {
    for (const challenge of ['Bearer', 'Bearer realm="runai"', 'Basic realm="x", Bearer'])
      expect(headerCodes(401, { date, 'www-authenticate': challenge }), challenge).toEqual([]);
    for (const challenge of ['realm="runai"', '', ' Bearer'])
      expect(headerCodes(401, { date, 'www-authenticate': challenge }), challenge).toEqual([
        'www-authenticate-no-scheme',
      ]);
  });
  it('flags a 2xx offered to shared caches, and no other caching', () => {
    for (const value of ['public, max-age=60', 'max-age=0, S-MAXAGE=30', ' Public'])
      expect(headerCodes(200, { date, 'cache-control': value }), value).toEqual(['shared-cacheable']);
    for (const value of ['no-store', 'private, max-age=60', 'no-cache, must-revalidate', 'x-public'])
      expect(headerCodes(200, { date, 'cache-control': value }), value).toEqual([]);
    // An error answer carries no user data.
    expect(headerCodes(401, { date, 'www-authenticate': 'Bearer', 'cache-control': 'public' })).toEqual([]);
  });
});

describe('security header fields (ASVS 14.4.4, 14.4.5)', () => {
  const date = new Date().toUTCString();
  it('asks nosniff of every answer with a body, in any letter case, and nothing of one without', () => {
    expect(headerCodes(200, { date, 'x-content-type-options': ' NoSniff' })).toEqual([]);
    for (const value of ['', 'sniff', 'nosniff, nosniff2'])
      expect(headerCodes(200, { date, 'x-content-type-options': value }), value).toEqual(['no-nosniff']);
    const bare = envelopeFindings('get_users', { status: 204, contentType: '', headers: { date }, bodyBytes: 0 });
    expect(bare.map((f) => f.code)).not.toContain('no-nosniff');
  });
  it('asks a lasting Strict-Transport-Security over TLS only', () => {
    expect(headerCodes(200, { date }, 2, false)).toEqual([]);
    expect(
      headerCodes(200, { date, 'strict-transport-security': 'max-age=31536000; includeSubDomains' }, 2, true),
    ).toEqual([]);
    for (const value of [undefined, 'max-age=0', 'includeSubDomains'])
      expect(
        headerCodes(200, { date, ...(value ? { 'strict-transport-security': value } : {}) }, 2, true),
        value,
      ).toEqual(['no-hsts']);
  });
});

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
