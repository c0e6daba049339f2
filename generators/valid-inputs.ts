/**
 * Inputs the contract admits, from the spec, for the check that none is refused: every query
 * parameter the spec documents (deprecated ones too) at every boundary and enum value, every
 * filterBy field with every operator its kind takes, timestamps in every form ISO 8601's
 * extended format admits, and every parameter at once; bodies with every optional property,
 * null where nullable, and a property the schema does not forbid. Each value is confirmed valid
 * against the schema before it is used, so the check never calls an invalid value valid.
 */
import { fieldKind, filterFields, operatorsFor } from '../src/oracles/user-fields.ts';
import { derefPointer, requestBodyPointer, type Schema, schemaAt } from '../src/spec/openapi.ts';
import { type InputSlot, querySlots, termValue } from './input-slots.ts';
import { boundaryValues, confirmed, type LabelledValue } from './input-values.ts';

/** A timestamp with 0 to 9 fractional digits, in UTC and at offsets east and west: one instant, many spellings. */
export function timestampForms(): string[] {
  const fractions = ['', '.1', '.12', '.123', '.123456', '.123456789'];
  const zones = ['Z', '+00:00', '-07:00', '+05:30'];
  return [
    ...fractions.map((f) => `2024-01-01T00:00:00${f}Z`),
    ...zones.slice(1).map((z) => `2024-01-01T00:00:00.123${z}`),
  ];
}

/** Every filterBy term the contract gives a meaning: each field with each operator of its kind, dates in every form. */
function everyMeaningfulTerm(everyForm: boolean): LabelledValue[] {
  const firstDate = filterFields.find((f) => fieldKind(f) === 'date');
  return filterFields.flatMap((field) => {
    const kind = fieldKind(field);
    return operatorsFor(kind).flatMap((op, i) => {
      // Every form with each field and operator in the full profile; else with one of each (a parser is shared).
      const forms = kind === 'date' && (everyForm || (field === firstDate && i === 0));
      const values = forms ? timestampForms() : [termValue(field)];
      return values.map((v) => ({ label: `${field}${op}${v}`, value: `${field}${op}${v}` }));
    });
  });
}

/** Free text a string parameter without constraints takes: a word, words, another script. */
const TEXT: LabelledValue[] = [
  { label: 'a word', value: 'conformance' },
  { label: 'two words', value: 'conformance run' },
  { label: 'another script', value: 'ünïcødé' },
];

function slotValues(slot: InputSlot, everyForm: boolean): LabelledValue[] {
  if (slot.name === 'filterBy') return everyMeaningfulTerm(everyForm);
  const unconstrained = slot.schema.type === 'string' && !slot.schema.pattern && !slot.schema.enum;
  return [...boundaryValues(slot.schema, slot.sample), ...(unconstrained ? TEXT : [])];
}

export interface ValidQuery {
  label: string;
  query: Record<string, unknown>;
}

/**
 * Each parameter alone at each admitted value, then all of them at once. `everyForm`: every
 * timestamp form with every date field and operator (else with one field and operator).
 */
export function validQueries(operationId: string, everyForm = true): ValidQuery[] {
  const slots = querySlots(operationId, { deprecated: true });
  const out: ValidQuery[] = [];
  const together: Record<string, unknown> = {};
  for (const slot of slots) {
    const values = confirmed(slot.pointer, slotValues(slot, everyForm), true);
    for (const v of values)
      out.push({ label: `${slot.name}: ${v.label}`, query: { [slot.name]: slot.itemized ? [v.value] : v.value } });
    const first = values[0];
    if (first) together[slot.name] = slot.itemized ? [first.value] : first.value;
  }
  if (Object.keys(together).length > 1) out.push({ label: 'every parameter at once', query: together });
  return out;
}

/** A property name no schema of the contract declares. */
export const UNDECLARED_PROPERTY = 'conformanceNote';

/**
 * Optional properties of a body, each at each admitted value, then all at once and with a
 * property the schema does not forbid (where it does not: additionalProperties is not false).
 */
export function validBodies(operationId: string, required: Record<string, unknown>): LabelledValue[] {
  const pointer = derefPointer(requestBodyPointer(operationId));
  const schema = schemaAt(pointer) as Schema & { additionalProperties?: unknown };
  const optional = Object.entries(schema.properties ?? {}).filter(([name]) => !(name in required));
  const out: LabelledValue[] = [];
  const together: Record<string, unknown> = { ...required };
  for (const [name, property] of optional) {
    const values = confirmed(`${pointer}/properties/${name}`, boundaryValues(property), true);
    for (const v of values) out.push({ label: `${name}: ${v.label}`, value: { ...required, [name]: v.value } });
    if (values[0]) together[name] = values[0].value;
  }
  if (optional.length > 1) out.push({ label: 'every optional property at once', value: together });
  if (schema.additionalProperties !== false)
    out.push({
      label: `a property the schema does not forbid (${UNDECLARED_PROPERTY})`,
      value: { ...together, [UNDECLARED_PROPERTY]: 'x' },
    });
  return out;
}
