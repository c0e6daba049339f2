/**
 * The forms a free string takes (a schema with bounds and no pattern, such as a password): each
 * length bound, and between them each class of character a client may send: every printable
 * ASCII character, whitespace at the ends and inside, letters of other scripts, characters
 * outside the Basic Multilingual Plane, a decomposed accent, and the longest string in
 * characters of several bytes. Lengths are fitted in code points, as JSON Schema counts them;
 * each form is confirmed valid against the schema, so a refusal of one is never demanded.
 */
import type { Schema } from '../src/spec/openapi.ts';
import { PROBE_CHARACTERS } from './character-probes.ts';
import { confirmed, type LabelledValue } from './input-values.ts';

const ASCII = PROBE_CHARACTERS.filter((c) => /^[\x20-\x7e]$/.test(c)).join('');

/** `text` padded with `fill` to at least `min` code points and cut to at most `max`. */
function fitted(text: string, min: number, max: number, fill = 'Pw7'): string {
  let points = [...text];
  while (points.length < min) points = [...points, ...fill];
  return points.slice(0, Math.max(min, Math.min(max, points.length))).join('');
}

export function stringForms(schema: Schema, pointer: string): LabelledValue[] {
  const min = schema.minLength ?? 1;
  const max = schema.maxLength ?? 255;
  const forms: [string, string][] = [
    [`minLength ${min}`, fitted('Min-pw7', min, min)],
    [`maxLength ${max}`, fitted('Max-pw7-', max, max, 'Lx9-')],
    ['every printable ASCII character', fitted(ASCII, min, max)],
    ['spaces at either end and inside', fitted('  spaced out pw7  ', min, max)],
    ['a tab and a no-break space', fitted('tab\there\u00a0nbsp7', min, max)],
    ['letters of other scripts', fitted('pässwörd-пароль-密码-7', min, max)],
    ['characters outside the BMP', fitted('😀𝔘-astral-pw7', min, max)],
    ['a decomposed accent (NFD)', fitted('cafe\u0301-decomposed-7', min, max)],
    [`maxLength ${max} in three-byte characters`, fitted('密', max, max, '码')],
  ];
  return confirmed(
    pointer,
    forms.map(([label, value]) => ({ label, value })),
    true,
  );
}
