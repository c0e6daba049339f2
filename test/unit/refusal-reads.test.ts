import { describe, expect, it } from 'vitest';
import { WrittenUsers } from '../../src/client/written-users.ts';
import { families, pendingReads } from '../../src/harness/refusal-reads.ts';
import type { Exchange, RequestSubject } from '../../src/model/exchange.ts';

let clock = Date.parse('2026-01-01T00:00:00.000Z');
/** An exchange of `method` answered `status`, naming `subject`, each one later than the one before. */
function exchange(method: string, status: number, subject: RequestSubject, attempts = 1): Exchange {
  clock += 10;
  return {
    id: `x${clock}`,
    operationId: 'any',
    request: { method, url: 'http://t/api/v1/users', headers: {} },
    response: { status, headers: {}, contentType: '', text: '', bytes: 0 },
    body: undefined,
    timing: { startedAt: new Date(clock).toISOString(), ms: 5 },
    attempts,
    findings: [],
    curl: '',
    judged: true,
    subject,
  };
}

describe('refused requests are read against what the run wrote', () => {
  const written = new WrittenUsers();
  written.created('u1', ['rc-a-x1@d']);
  written.created('u2', []);
  written.created('u3', []);
  written.deleted('u3');
  written.created('u4', []);
  written.unsettled('u4', ['rc-a-x9@d']);

  it('reads the emails of refused creates no create was granted, and the run users refusals named', () => {
    const touched = [
      exchange('POST', 400, { emails: ['rc-a-x2@d'] }),
      exchange('POST', 403, { emails: ['RC-A-X1@D'] }),
      exchange('DELETE', 403, { userId: 'u1' }),
      exchange('PUT', 405, { userId: 'u2' }),
      exchange('PATCH', 405, { userId: 'u2' }),
    ];
    const pending = pendingReads(touched, written);
    expect([...pending.emails.keys()]).toEqual(['rc-a-x2@d']);
    expect([...pending.users.keys()]).toEqual(['u1', 'u2']);
    expect(pending.users.get('u2')?.map((e) => e.request.method)).toEqual(['PUT', 'PATCH']);
  });

  it('leaves out conflicts, retried answers, answers that were not refusals, and what may have changed anyway', () => {
    const touched = [
      exchange('POST', 409, { emails: ['rc-a-x3@d'] }),
      exchange('POST', 400, { emails: ['rc-a-x4@d'] }, 2),
      exchange('POST', 201, { emails: ['rc-a-x5@d'] }),
      exchange('GET', 404, { userId: 'u1' }),
      exchange('DELETE', 404, { userId: 'u3' }),
      exchange('DELETE', 403, { userId: 'u4' }),
      exchange('POST', 400, { emails: ['rc-a-x9@d'] }),
      exchange('DELETE', 403, { userId: 'not-made' }),
    ];
    const pending = pendingReads(touched, written);
    expect([...pending.emails.keys()]).toEqual([]);
    expect([...pending.users.keys()]).toEqual([]);
  });

  it('needs no read of a user the test read since the refusal, and reads one it read before it', () => {
    const before = exchange('GET', 200, { userId: 'u1' });
    const refused = exchange('DELETE', 403, { userId: 'u1' });
    expect([...pendingReads([before, refused], written).users.keys()]).toEqual(['u1']);
    const after = exchange('GET', 200, { userId: 'u1' });
    expect([...pendingReads([before, refused, after], written).users.keys()]).toEqual([]);
  });
});

describe('families of emails, for one list each', () => {
  const prefix = 'rc-run-';

  it('groups emails by the start they share, narrow enough past the prefix', () => {
    const emails = ['rc-run-nmx-ab1@d', 'rc-run-nmx-ab2@d', 'rc-run-auth-ab3@d', 'rc-run-auth-ab4@d'];
    expect(Object.fromEntries(families(emails, prefix))).toEqual({
      'rc-run-nmx-ab': ['rc-run-nmx-ab1@d', 'rc-run-nmx-ab2@d'],
      'rc-run-auth-ab': ['rc-run-auth-ab3@d', 'rc-run-auth-ab4@d'],
    });
  });

  it('cuts a start where a filter value cannot go on, and leaves the rest to the sweep', () => {
    expect(Object.fromEntries(families(['rc-run-bade1,x@d', 'rc-run-bade2 @d'], prefix))).toEqual({
      'rc-run-bade': ['rc-run-bade1,x@d', 'rc-run-bade2 @d'],
    });
    // Outside the prefix, or too short a start to list by: no list.
    expect(families(['someone@d', 'rc-run-,@d', 'rc-run-,a@d', 'rc-run-,b@d'], prefix).size).toBe(0);
  });
});
