/**
 * The wire mutants come from the spec and the registry, not from a list: every operator has
 * places, every id is distinct, every equivalent names its reason, the sample spans every
 * operator and operation, and the operators change what they say they change.
 */
import { describe, expect, it } from 'vitest';
import { allMutants, stratifiedSample } from '../../src/mutation/wire/mutants.ts';
import { type Answer, editAt, inputPresent, operatorById, operators } from '../../src/mutation/wire/operators.ts';
import type { FieldPlace, InputPlace } from '../../src/mutation/wire/places.ts';
import { documentedStatuses, operations, parameter } from '../../src/spec/openapi.ts';

const mutants = allMutants();

describe('the wire mutant space', () => {
  it('gives every operator places and every mutant its own id', () => {
    for (const op of operators)
      expect(
        mutants.some((m) => m.operator === op.id),
        op.id,
      ).toBe(true);
    expect(new Set(mutants.map((m) => m.id)).size).toBe(mutants.length);
  });

  it('spans every operation and every documented status', () => {
    for (const id of operations.keys())
      for (const status of documentedStatuses(id))
        expect(
          mutants.some((m) => m.operationId === id && m.id.includes(` ${status}`)),
          `${id} ${status}`,
        ).toBe(true);
  });

  it('has a status mutant to each other documented status, a 503 equivalent as transient', () => {
    const from = mutants.filter(
      (m) => m.operator === 'status-changed' && m.id.startsWith('status-changed: get_users 200'),
    );
    expect(from.map((m) => m.arg).sort()).toEqual(
      documentedStatuses('get_users')
        .filter((s) => s !== '200')
        .sort(),
    );
    expect(from.find((m) => m.arg === '503')?.equivalent).toMatch(/transient/);
    expect(from.find((m) => m.arg === '400')?.equivalent).toBeUndefined();
  });

  it('perturbs no value the contract leaves free (an error message), but still drops it', () => {
    const message = mutants.filter((m) => m.id.includes('get_users 400 body /message'));
    expect(message.map((m) => m.operator).sort()).toEqual(['field-dropped', 'field-nulled', 'field-retyped']);
  });

  it('holds ignoring an input at its documented default equivalent, and at another value not', () => {
    const ignored = (value: string) =>
      mutants.find((m) => m.id === `input-ignored: get_users query sortOrder value ${value}`);
    const fallback = String(parameter('get_users', 'sortOrder').schema.default);
    const other =
      parameter('get_users', 'sortOrder')
        .schema.enum?.map(String)
        .find((v) => v !== fallback) ?? '';
    expect(ignored(fallback)?.equivalent).toMatch(/default/);
    expect(ignored(other)?.equivalent).toBeUndefined();
  });

  it('names a reason for each equivalent mutant, and marks few of them', () => {
    const equivalent = mutants.filter((m) => m.equivalent !== undefined);
    for (const m of equivalent) expect(m.equivalent?.length, m.id).toBeGreaterThan(10);
    expect(equivalent.length / mutants.length).toBeLessThan(0.2);
  });

  it('draws a seeded sample that reaches every operator and operation before repeating one', () => {
    const sample = stratifiedSample(mutants, 150, 7);
    expect(stratifiedSample(mutants, 150, 7).map((m) => m.id)).toEqual(sample.map((m) => m.id));
    expect(stratifiedSample(mutants, 150, 8).map((m) => m.id)).not.toEqual(sample.map((m) => m.id));
    expect(new Set(sample.map((m) => m.operationId))).toEqual(new Set(operations.keys()));
    expect(new Set(sample.map((m) => m.operator))).toEqual(new Set(operators.map((o) => o.id)));
  });
});

describe('the wire operators', () => {
  const list: Answer = {
    status: 200,
    headers: { 'content-type': 'application/json' },
    json: [
      { id: 'a', groups: ['x', 'y'] },
      { id: 'b', groups: null },
    ],
    text: '',
  };
  const place = (pointer: string): FieldPlace => ({
    kind: 'field',
    operationId: 'get_users',
    status: '200',
    pointer,
    schema: {},
    required: true,
  });

  it('edits a value at a pointer, in every item of an array', () => {
    expect(editAt(list.json, '/*/id', (v) => `${v}!`)).toEqual([
      { id: 'a!', groups: ['x', 'y'] },
      { id: 'b!', groups: null },
    ]);
    const dropped = operatorById('field-dropped');
    if (dropped.kind !== 'response') throw new Error('a response operator');
    expect((dropped.mutate(list, place('/*/groups') as never) as Answer).json).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it('reorders, duplicates and cuts items', () => {
    const run = (id: string, pointer: string) => {
      const op = operatorById(id);
      if (op.kind !== 'response') throw new Error('a response operator');
      return (op.mutate(list, place(pointer) as never) as Answer).json;
    };
    expect(run('items-reordered', '')).toEqual([...(list.json as unknown[])].reverse());
    expect((run('item-duplicated', '') as unknown[]).length).toBe(3);
    expect((run('items-truncated', '/*/groups') as { groups: unknown }[])[0]?.groups).toEqual(['x']);
  });

  it('sees a filterBy form in a comma list and reads it as another operator of its field', () => {
    const schema = parameter('get_users', 'filterBy').schema;
    const at: InputPlace = {
      kind: 'input',
      operationId: 'get_users',
      in: 'query',
      name: 'filterBy',
      schema,
      form: { of: 'operator', value: '>=' },
    };
    const url = new URL('http://x/api/v1/users?filterBy=username%3D%40a,creationTime>%3D2024-01-01T00:00:00Z');
    expect(inputPresent({ url }, at)).toBe(true);
    expect(inputPresent({ url }, { ...at, form: { of: 'operator', value: '<=' } })).toBe(false);
    const misread = operatorById('input-misread');
    if (misread.kind !== 'request') throw new Error('a request operator');
    const out = misread.mutate({ url }, at, () => undefined);
    if (!out || out === 'refuse') throw new Error('a request');
    expect(out.url.searchParams.get('filterBy')).toBe('username=@a,creationTime==2024-01-01T00:00:00Z');
    const ignored = operatorById('input-ignored');
    if (ignored.kind !== 'request') throw new Error('a request operator');
    const kept = ignored.mutate({ url }, at, () => undefined);
    if (!kept || kept === 'refuse') throw new Error('a request');
    expect(kept.url.searchParams.get('filterBy')).toBe('username=@a');
  });
});
