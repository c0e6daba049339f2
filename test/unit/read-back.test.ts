import { describe, expect, it } from 'vitest';
import { SentEmails } from '../../src/client/read-back.ts';

describe('accepted values read back', () => {
  const sent = new SentEmails();
  sent.remember('u1', 'Rc-Run+Tag@conformance.invalid');
  const codes = (op: string, status: number, body: unknown, email?: string) =>
    sent.findings(op, status, body, email).map((f) => f.requirement);

  it('holds every answer that shows a created user to the email it was created with', () => {
    const wrong = { id: 'u1', username: 'rc-run@conformance.invalid' };
    expect(codes('get_user_by_id', 200, wrong)).toEqual(['create_user/state/email-read-back']);
    expect(codes('get_users', 200, [{ id: 'other', username: 'x' }, wrong])).toEqual([
      'create_user/state/email-read-back',
    ]);
    expect(codes('create_user', 201, { id: 'u2', username: 'a@x' }, 'b@x')).toEqual([
      'create_user/state/email-read-back',
    ]);
  });

  it('leaves letter case and Unicode normalization open, and users it did not create alone', () => {
    expect(codes('get_user_by_id', 200, { id: 'u1', username: 'rc-run+tag@conformance.invalid' })).toEqual([]);
    expect(codes('create_user', 201, { id: 'u3', username: 'e\u0301@x' }, '\u00e9@x')).toEqual([]);
    expect(codes('get_users', 200, [{ id: 'someone', username: 'anything' }])).toEqual([]);
    // Refusals show no user.
    expect(codes('create_user', 400, { code: 400, message: 'bad' }, 'a@x')).toEqual([]);
  });
});
