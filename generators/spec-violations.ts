/**
 * Values that break a constraint the spec declares, derived from the schema itself
 * (bounds, enums, patterns, lengths). Each generator checks its own output against the
 * constraint, so a change in the spec can never turn a "bad" value into a valid one.
 */
import { enumValues, type Schema, specFact } from '../src/spec/openapi.ts';

export function outOfBounds(schema: Schema): number[] {
  const out: number[] = [];
  if (typeof schema.minimum === 'number') out.push(schema.minimum - 1);
  if (typeof schema.maximum === 'number') out.push(schema.maximum + 1);
  return out;
}

/** Text that is not an integer, for integer parameters. */
export const nonIntegers = ['abc', '1.5', '1e', ''].filter((s) => !/^-?\d+$/.test(s)).filter(Boolean);

export function notInEnum(schema: Schema): string[] {
  const values = enumValues(schema);
  const candidates = [`${values[0]}x`, values[0]?.toUpperCase(), 'none', ''].filter((v) => v !== undefined);
  return candidates.filter((v) => v !== '' && !values.includes(v));
}

/** filterBy terms that do not match the item pattern: unknown field, unknown operator, empty value. */
export function patternBreakingTerms(pattern: string, validField: string): string[] {
  const re = new RegExp(pattern);
  const candidates = [`nosuchfield==x`, `${validField}!~x`, `${validField}==`, `${validField}`, `=@x`];
  const bad = candidates.filter((t) => !re.test(t));
  if (bad.length < 3) throw new Error(`pattern ${pattern} accepts the terms meant to break it`);
  return bad;
}

/** Emails that break the pattern; each keeps `prefix` so that a wrongly created user is still swept. */
export function patternBreakingEmails(emailSchema: Schema, prefix: string): string[] {
  const re = new RegExp(specFact(emailSchema.pattern, 'an email pattern'));
  const candidates = [
    `${prefix}nodomain`,
    `${prefix}x@nodot`,
    `${prefix}sp ace@conformance.invalid`,
    `${prefix}x@conformance.c`,
  ];
  const bad = candidates.filter((e) => !re.test(e));
  if (bad.length < 3) throw new Error('email pattern accepts the emails meant to break it');
  return bad;
}

/** Pattern-valid emails one character outside [minLength, maxLength]. */
export function lengthBreakingEmails(emailSchema: Schema, prefix: string, domain: string): string[] {
  const re = new RegExp(specFact(emailSchema.pattern, 'an email pattern'));
  const out: string[] = [];
  if (typeof emailSchema.maxLength === 'number') {
    const fill = emailSchema.maxLength + 1 - prefix.length - domain.length - 1;
    out.push(`${prefix}${'a'.repeat(Math.max(1, fill))}@${domain}`);
  }
  if (typeof emailSchema.minLength === 'number' && emailSchema.minLength > 5) {
    throw new Error('email minLength above 5 needs a designed short email');
  }
  return out.filter(
    (e) => re.test(e) && (e.length > (emailSchema.maxLength ?? Infinity) || e.length < (emailSchema.minLength ?? 0)),
  );
}

/** Strings one character outside [minLength, maxLength] of a string schema. */
export function lengthBreakingStrings(schema: Schema, char = 'p'): string[] {
  const out: string[] = [];
  if (typeof schema.minLength === 'number' && schema.minLength > 0) out.push(char.repeat(schema.minLength - 1));
  if (typeof schema.maxLength === 'number') out.push(char.repeat(schema.maxLength + 1));
  return out;
}
