import { describe, expect, it } from 'vitest';
import { tokenForgeries } from '../../generators/near-miss-credentials.ts';
import { evidenceProblems } from '../../reporters/bundle-evidence.ts';
import { junitXml } from '../../reporters/junit-report.ts';
import { computeOutcomes, exitCodeFor, type TestRecord } from '../../reporters/outcomes.ts';
import { replayCommand } from '../../reporters/replay-line.ts';
import { leakFindings } from '../../src/client/secret-leaks.ts';
import { requestedEmails } from '../../src/client/users-client.ts';
import { sameIdentity } from '../../src/runner/preflight.ts';

const test = (requirements: string[], state: TestRecord['state'], ms = 0): TestRecord => ({
  name: `test of ${requirements.join()}`,
  file: 'x.test.ts',
  state,
  errors: [],
  ms,
  meta: { requirements, findings: [], observed: {} },
});

const line = (fields: Record<string, unknown>) =>
  JSON.stringify({ id: 'x1', operationId: 'get_user_by_id', ...fields });

describe('a verdict from the evidence', () => {
  it('a run that checked no MUST has no verdict (exit 2), whatever passed', () => {
    const should = computeOutcomes([test(['get_users/paging/consistent-default-order'], 'passed')], 'standard');
    expect(should.nothingChecked).toBe(true);
    expect(exitCodeFor(should.verdict)).toBe(2);
    const must = computeOutcomes([test(['get_users/paging/offset-respected'], 'passed')], 'standard');
    expect(must.nothingChecked).toBeUndefined();
    expect(must.verdict).toBe('conformant');
  });

  it('an exchange that shows a broken MUST the results call passed is a problem; one they call failed is not', () => {
    const results = computeOutcomes([test(['get_users/paging/offset-respected'], 'passed')], 'standard');
    const undocumented = line({ status: 202, contentType: 'application/json', bytes: 2, judged: true });
    expect(evidenceProblems(undocumented, results).join()).toMatch(
      /exchange x1 shows get_user_by_id\/response\/status-documented broken .*but results\.json records/,
    );
    // The client's own findings, made with the whole body, count as well.
    const schema = line({
      status: 200,
      contentType: 'application/json',
      findings: [{ code: 'schema-violation', requirement: 'get_user_by_id/response/schema', message: 'no id' }],
    });
    expect(evidenceProblems(schema, results).join()).toMatch(/get_user_by_id\/response\/schema broken/);
    // An answer that was not the API's (a gateway's size limit) is not held against it.
    expect(evidenceProblems(line({ status: 431, contentType: '', judged: false }), results)).toEqual([]);
    const failed = { ...results, requirements: results.requirements.map((r) => ({ ...r, outcome: 'fail' as const })) };
    expect(evidenceProblems(undocumented, failed)).toEqual([]);
    expect(evidenceProblems('{not json\n', results)).toEqual(['exchanges.ndjson line 1 is not JSON']);
  });

  it('JUnit carries how long each requirement took: its tests, added up', () => {
    const results = computeOutcomes([test(['get_users/paging/offset-respected'], 'passed', 1500)], 'standard');
    const xml = junitXml(results);
    expect(xml).toMatch(/name="\[get_users\/paging\/offset-respected\][^"]*" time="1\.500"/);
    expect(xml).toMatch(/<testsuites [^>]*time="1\.500"/);
  });

  it('the same token, or one subject in two JWTs, is one identity', () => {
    const jwt = (claims: object) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;
    expect(sameIdentity('abc', 'abc')).toBe('the same token');
    expect(sameIdentity(jwt({ sub: 'a', n: 1 }), jwt({ sub: 'a', n: 2 }))).toMatch(/same user \(sub/);
    expect(sameIdentity(jwt({ sub: 'a' }), jwt({ sub: 'b' }))).toBeUndefined();
    expect(sameIdentity('opaque-1', 'opaque-2')).toBeUndefined();
  });

  it('a create journals every email it may make a user of, in any body form', () => {
    expect(requestedEmails({ email: 'a@b.c' }, '{"email":"a@b.c"}')).toEqual(['a@b.c']);
    expect(requestedEmails(undefined, '{"email":"rc-1@x.invalid"}')).toEqual(['rc-1@x.invalid']);
    expect(requestedEmails(undefined, 'email=rc-2%40x.invalid&x=1')).toEqual(['rc-2@x.invalid']);
    expect(requestedEmails(undefined, undefined)).toEqual([]);
  });

  it('a replay line names the target and the credentials its tests were sent with, as variables', () => {
    const provenance = {
      target: { kind: 'remote', scheme: 'https', host: 'h.example', basePath: '/' },
      credentials: 'client-credentials',
    } as never;
    const ran = { ...test(['create_user/auth/viewer-403'], 'failed'), name: 'viewer create' };
    if (ran.meta) ran.meta.credentials = ['RUNAI_TOKEN', 'RUNAI_VIEWER_TOKEN'];
    const r = { id: 'create_user/auth/viewer-403', tests: ['viewer create'], findings: [] } as never;
    expect(replayCommand(r, 'reports/results.json', { tests: [ran], provenance })).toBe(
      'npx runai-conformance replay create_user/auth/viewer-403 --from reports/results.json --base-url ' +
        'https://h.example --client-id "$RUNAI_CLIENT_ID" --client-secret "$RUNAI_CLIENT_SECRET" ' +
        '--viewer-token "$RUNAI_VIEWER_TOKEN"',
    );
    if (ran.meta) ran.meta.credentials = ['RUNAI_TOKEN'];
    expect(replayCommand(r, 'r.json', { tests: [ran], provenance })).not.toContain('--viewer-token');
  });
});

describe('the create journal reads any body in linear time', () => {
  it('finds the addresses of a large raw body, and none in a large body without one', () => {
    expect(requestedEmails(undefined, 'x'.repeat(1 << 20))).toEqual([]);
    expect(requestedEmails(undefined, `${'x'.repeat(1 << 18)} rc-9@x.invalid`)).toEqual(['rc-9@x.invalid']);
  });
});

describe('forged JWTs', () => {
  it('forges a JWT in its header, payload and signature; an opaque token has no parts to forge', () => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const jwt = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ sub: 'admin', exp: 1 })}.c2lnbmF0dXJl`;
    const forged = tokenForgeries(jwt);
    expect(forged.map((f) => f.change.split(' ')[0])).toEqual(['header', 'header', 'payload', 'payload', 'signature']);
    const none = forged[0]?.value.split('.') ?? [];
    expect(JSON.parse(Buffer.from(none[0] ?? '', 'base64url').toString()).alg).toBe('none');
    expect(none[2]).toBe('');
    expect(tokenForgeries('ref.opaque-token')).toEqual([]);
  });
});

describe('secrets the run never saw', () => {
  it('a property named like a secret is a leak wherever it sits, but a field the spec documents for it', () => {
    const user = { id: 'u1', username: 'a@b.c', profile: { passwordHash: 'sha256:00' } };
    expect(leakFindings('get_users', 200, JSON.stringify([user]), {}, [])).toHaveLength(1);
    expect(leakFindings('get_user_by_id', 200, JSON.stringify({ id: 'u1', username: 'a@b.c' }), {}, [])).toEqual([]);
    expect(leakFindings('reset_user_password', 200, JSON.stringify({ tempPassword: 'x' }), {}, [])).toEqual([]);
  });
});
