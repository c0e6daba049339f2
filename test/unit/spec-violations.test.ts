import { describe, expect, it } from 'vitest';
import {
  lengthBreakingEmails,
  lengthBreakingStrings,
  notInEnum,
  outOfBounds,
  patternBreakingEmails,
  patternBreakingTerms,
} from '../../generators/spec-violations.ts';
import { componentSchema, filterByPattern, parameter, propertyOf } from '../../src/spec/openapi.ts';
import { validateAt } from '../../src/spec/schema-validator.ts';

const at = (op: string, name: string) => `${parameter(op, name).pointer}/schema`;

describe('values that break the spec are invalid by the spec itself', () => {
  it('limit bounds', () => {
    const values = outOfBounds(parameter('get_users', 'limit').schema);
    expect(values).toHaveLength(2);
    for (const v of values) expect(validateAt(at('get_users', 'limit'), v)).not.toEqual([]);
  });

  it('enums', () => {
    for (const name of ['sortBy', 'sortOrder']) {
      const values = notInEnum(parameter('get_users', name).schema);
      expect(values.length).toBeGreaterThan(0);
      for (const v of values) expect(validateAt(at('get_users', name), v)).not.toEqual([]);
    }
  });

  it('filterBy terms', () => {
    for (const term of patternBreakingTerms(filterByPattern('get_users'), 'username')) {
      expect(validateAt(at('get_users', 'filterBy'), [term])).not.toEqual([]);
    }
  });

  it('emails and passwords', () => {
    const create = componentSchema('UserCreationRequest1');
    const emails = [
      ...patternBreakingEmails(propertyOf(create, 'email'), 'rc-x-'),
      ...lengthBreakingEmails(propertyOf(create, 'email'), 'rc-x-', 'conformance.invalid'),
    ];
    expect(emails.length).toBeGreaterThanOrEqual(4);
    for (const email of emails) {
      expect(email.startsWith('rc-x-')).toBe(true);
      expect(validateAt('/components/schemas/UserCreationRequest1', { email })).not.toEqual([]);
    }
    const passwords = lengthBreakingStrings(propertyOf(componentSchema('UserChangePasswordRequest'), 'newPassword'));
    expect(passwords).toHaveLength(2);
    for (const p of passwords)
      expect(
        validateAt('/components/schemas/UserChangePasswordRequest', { currentPassword: 'long-enough', newPassword: p }),
      ).not.toEqual([]);
  });
});
