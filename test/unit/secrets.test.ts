import { describe, expect, it } from 'vitest';
import { curlFor } from '../../src/client/curl.ts';
import { REDACTED, redactBody, redactHeaders, redactText, registerSecret } from '../../src/client/secrets.ts';

describe('secret redaction', () => {
  it('masks secret-named JSON fields whatever their value', () => {
    expect(JSON.parse(redactBody('{"id":"1","tempPassword":"abc","nested":{"accessToken":"t"}}'))).toEqual({
      id: '1',
      tempPassword: REDACTED,
      nested: { accessToken: REDACTED },
    });
  });

  it('replaces registered secret values anywhere in text', () => {
    registerSecret('s3cr3t-value-xyz');
    expect(redactText('message: s3cr3t-value-xyz was wrong')).toBe(`message: ${REDACTED} was wrong`);
    expect(redactBody('not json s3cr3t-value-xyz')).not.toContain('s3cr3t');
  });

  it('sees through JSON escapes and any letter case, and leaves bodies with nothing to hide as they are', () => {
    registerSecret('ab/cd-secret');
    expect(JSON.parse(redactBody('{"pass\\u0077ord":"x"}'))).toEqual({ password: REDACTED });
    expect(redactBody('{"m":"ab\\/cd-secret"}')).not.toContain('cd-secret');
    expect(JSON.parse(redactBody('{"PASSWORD" : "x"}'))).toEqual({ PASSWORD: REDACTED });
    const page = '[ {"id":"1","username":"a@b.c"} ]';
    expect(redactBody(page)).toBe(page);
  });

  it('keeps the scheme of credential headers only', () => {
    expect(redactHeaders({ authorization: 'Bearer abc.def', accept: 'application/json' })).toEqual({
      authorization: `Bearer ${REDACTED}`,
      accept: 'application/json',
    });
    expect(redactHeaders({ Authorization: 'garbage' }).Authorization).toBe(REDACTED);
  });

  it('curl lines refer to the token variable instead of the token', () => {
    const line = curlFor(
      'GET',
      'http://h/api/v1/users',
      { authorization: `Bearer ${REDACTED}` },
      undefined,
      'RUNAI_TOKEN',
    );
    // The literal shell reference, for the user's shell to expand.
    expect(line).toContain(`"Authorization: Bearer \${RUNAI_TOKEN}"`);
    expect(curlFor('POST', 'http://h/x', {}, `{"a":"it's"}`, undefined)).toContain(`--data-raw '{"a":"it'\\''s"}'`);
  });
});
