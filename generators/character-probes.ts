/**
 * Character classes probed from both sides: a valid sample with one character replaced, at
 * chosen positions, by every printable ASCII character, whitespace and letters of other
 * scripts. The spec's own pattern says which results are valid; no class is read by hand.
 */

/** Every printable ASCII character, whitespace (a line break too), and characters outside ASCII. */
export const PROBE_CHARACTERS = [
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)),
  '\t',
  '\n',
  '\u00a0',
  'é',
  'ß',
  'я',
  'ü',
  '名',
  '😀',
];

export interface CharacterProbe {
  label: string;
  value: string;
  char: string;
  /** Whether the pattern accepts the probe. */
  valid: boolean;
}

const category = (c: string) => (/[a-z]/.test(c) ? 'a-z' : /[A-Z]/.test(c) ? 'A-Z' : /[0-9]/.test(c) ? '0-9' : c);
/** The other letter case of an ASCII letter, the rejected letter a case-folding fault would take. */
const otherCase = (c: string) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase());
const show = (c: string) =>
  /^[\x21-\x7e]$/.test(c) ? c : `U+${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;

export interface ProbeOptions {
  /** Whether a probe is valid; by default, whether the whole value matches the pattern. */
  valid?: (value: string) => boolean;
  /**
   * Rejected letters and digits, one of each kind (and the other case of the letter replaced)
   * instead of all of them: every symbol, whitespace and non-ASCII character is still probed.
   */
  rejectedKinds?: boolean;
}

/**
 * For each position, every character the pattern rejects there and one accepted character of
 * each kind (a letter of each case, a digit, each accepted symbol): the rejected side is the one
 * a fault widens, so it is probed whole. Each probe starts from a fresh sample.
 */
export function characterProbes(
  pattern: string,
  sample: () => string,
  positions: (s: string) => number[],
  options: ProbeOptions = {},
): CharacterProbe[][] {
  const re = new RegExp(pattern, 'u');
  const isValid = options.valid ?? ((v: string) => re.test(v));
  return positions(sample()).map((_, k) => {
    const probes: CharacterProbe[] = [];
    const kinds = new Set<string>();
    for (const c of PROBE_CHARACTERS) {
      const base = sample();
      const at = positions(base)[k];
      if (at === undefined) continue;
      const value = base.slice(0, at) + c + base.slice(at + 1);
      const valid = isValid(value);
      const kind = `${valid}:${category(c)}`;
      const dedupe = valid || (options.rejectedKinds && c !== otherCase(base[at] ?? ''));
      if (dedupe && kinds.has(kind)) continue;
      kinds.add(kind);
      probes.push({ label: `${show(c)} at position ${k + 1} of ${positions(base).length}`, value, char: c, valid });
    }
    return probes;
  });
}
