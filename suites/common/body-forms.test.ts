import { describe } from 'vitest';
import { confirmed, type LabelledValue } from '../../generators/input-values.ts';
import type { Identity } from '../../src/client/users-client.ts';
import { check } from '../../src/harness/requirement-test.ts';
import type { RunContext } from '../../src/harness/run-context.ts';
import { loggedInRunUser } from '../../src/harness/run-users.ts';
import { expectStatus } from '../../src/harness/verify.ts';
import { callerOperations, operations, requestBodyPointer } from '../../src/spec/openapi.ts';

// Every operation whose body the spec requires, sent a body that is no JSON value of its
// schema at all: text that is not JSON, nothing, and a JSON value of every other type (each
// confirmed invalid against the schema). Each is a bad request: 400, never a success or a 5xx.

/** One JSON value of each type; those the body schema refuses are sent. */
const JSON_VALUES: LabelledValue[] = [
  { label: 'an array', value: [] },
  { label: 'a string', value: 'text' },
  { label: 'a number', value: 42 },
  { label: 'a boolean', value: true },
  { label: 'null', value: null },
  { label: 'an object', value: {} },
];

/** An empty body, JSON cut short, and text that is not JSON. */
const NOT_JSON = ['', '{"a": ', 'not json'];

/** Who may send the operation a body it accepts: the caller's own account needs a created user's token. */
async function sender(run: RunContext, operationId: string): Promise<Identity> {
  if (!callerOperations.includes(operationId)) return 'admin';
  return { bearer: (await loggedInRunUser(run, 'form')).token };
}

describe('request bodies that are no value of their schema', () => {
  for (const op of operations.values()) {
    if (!op.requestBody?.required || !op.responses['400']) continue;
    const id = op.operationId;
    const pointer = requestBodyPointer(id);
    const forms = [...NOT_JSON, ...confirmed(pointer, JSON_VALUES, false).map((v) => JSON.stringify(v.value))];
    check(`${id}/body/malformed-json-400`, async ({ client, run }) => {
      const as = await sender(run, id);
      const answers = await Promise.all(forms.map((form) => client.call(id, {}, { as, rawBody: form })));
      for (const ex of answers) expectStatus(ex, 400);
    });
  }
});
