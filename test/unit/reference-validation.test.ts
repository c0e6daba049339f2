import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invalidBody, singleMutations } from '../../generators/invalid-bodies.ts';
import { bodySchema, paramSchema } from '../../reference/contract.ts';
import { problemWith } from '../../reference/validate.ts';
import { operation, parameter } from '../../src/spec/openapi.ts';
import { validateAt } from '../../src/spec/schema-validator.ts';

// The reference reads and validates the spec with code of its own; where both are right they agree.
describe('the reference validates requests independently, and agrees with Ajv', () => {
  for (const operationId of ['create_user', 'change_user_password']) {
    const pointer = operation(operationId).requestBody?.schemaPointer ?? '';
    const valid = () =>
      operationId === 'create_user'
        ? { email: 'rc-x-a@conformance.invalid', notify: null }
        : { currentPassword: 'Current-pass-1', newPassword: 'Another-pass-2' };

    it(`${operationId}: valid and designed invalid bodies`, () => {
      expect(problemWith(bodySchema(operationId), valid())).toBeUndefined();
      for (const { description, body } of singleMutations(pointer, valid())) {
        expect(problemWith(bodySchema(operationId), body), description).toBeDefined();
      }
    });

    it(`${operationId}: generated invalid bodies`, () => {
      fc.assert(
        fc.property(invalidBody(pointer, valid), ({ body }) => {
          expect(problemWith(bodySchema(operationId), body)).toBeDefined();
        }),
      );
    });
  }

  it('query parameters: bounds, enums and the filterBy pattern', () => {
    const cases: [string, unknown][] = [
      ['limit', 0],
      ['limit', 1],
      ['limit', 500],
      ['limit', 501],
      ['sortOrder', 'asc'],
      ['sortOrder', 'ASC'],
      ['sortBy', 'username'],
      ['sortBy', 'email'],
      ['filterBy', ['username=@a', 'isLocal==true']],
      ['filterBy', ['nosuchfield==x']],
      ['filterBy', ['username==']],
    ];
    for (const [name, value] of cases) {
      const ajv = validateAt(`${parameter('get_users', name).pointer}/schema`, value).length === 0;
      const own = problemWith(paramSchema('get_users', name), value) === undefined;
      expect(own, `${name}=${JSON.stringify(value)}`).toBe(ajv);
    }
  });
});
