import { describe, expect, it } from 'vitest';
import { operation, parameter, requestBodyPointer } from '../../src/spec/openapi.ts';
import { validateAt } from '../../src/spec/schema-validator.ts';

const user = operation('get_user_by_id').responses['200']?.schemaPointer ?? '';
const valid = {
  id: 'u1',
  username: 'a@b.io',
  createdBy: 'admin',
  createdAt: '2024-01-02T03:04:05Z',
  updatedAt: null,
  lastLogin: null,
  isLocal: true,
  groups: null,
};

describe('schema validation', () => {
  it('accepts a valid user, with OpenAPI nullable fields set to null', () => {
    expect(validateAt(user, valid)).toEqual([]);
  });

  it('names a missing required property', () => {
    const { createdBy: _, ...rest } = valid;
    expect(
      validateAt(user, rest)
        .map((v) => v.message)
        .join(),
    ).toMatch(/required property 'createdBy'/);
  });

  it('rejects null where the spec does not allow it, and dates without an offset', () => {
    expect(validateAt(user, { ...valid, username: null })).not.toEqual([]);
    expect(validateAt(user, { ...valid, createdAt: '2024-01-02T03:04:05' })[0]?.path).toBe('/createdAt');
  });

  it('checks int32 bounds and enums of parameters', () => {
    const limit = `${parameter('get_users', 'limit').pointer}/schema`;
    expect(validateAt(limit, 500)).toEqual([]);
    expect(validateAt(limit, 501)).not.toEqual([]);
    expect(validateAt(`${parameter('get_users', 'sortOrder').pointer}/schema`, 'up')).not.toEqual([]);
  });

  it('validates the count response and the create request', () => {
    const count = operation('count_users').responses['200']?.schemaPointer ?? '';
    expect(validateAt(count, { count: 3 })).toEqual([]);
    expect(validateAt(count, { count: '3' })).not.toEqual([]);
    const create = requestBodyPointer('create_user');
    expect(validateAt(create, { email: 'rc-a@conformance.invalid' })).toEqual([]);
    expect(validateAt(create, { email: 'no-at-sign' })).not.toEqual([]);
  });
});
