/**
 * Credentials that are almost right: a secret the suite holds changed by one character, in
 * letter case, by truncation, by extension and by encoding. Each must be refused as unknown:
 * a server that compares tokens or passwords loosely (case-folded, by a prefix, only the first
 * 72 bytes as bcrypt does, after decoding) lets one through. Named by the class of change, so
 * a failure says which comparison is loose.
 */

export interface NearMiss {
  /** The class of change: case, character, truncation, extension, encoding. */
  change: string;
  value: string;
}

/** Another character of the same kind: a letter for a letter, a digit for a digit. */
function other(c: string): string {
  if (/[a-y]/i.test(c) || /[0-8]/.test(c)) return String.fromCharCode(c.charCodeAt(0) + 1);
  if (/[zZ9]/.test(c)) return c === '9' ? '0' : c === 'z' ? 'a' : 'A';
  return c === 'A' ? 'B' : 'A';
}

const swapCase = (c: string) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase());
const at = (s: string, i: number, c: string) => s.slice(0, i) + c + s.slice(i + 1);
/** Where one change goes: the first, a middle and the last position. */
const places = (s: string) => [...new Set([0, Math.floor(s.length / 2), s.length - 1])];
const firstLetter = (s: string) => s.search(/[a-z]/i);
const lastLetter = (s: string) => s.length - 1 - [...s].reverse().join('').search(/[a-z]/i);

export function nearMisses(secret: string): NearMiss[] {
  const out: NearMiss[] = [];
  const add = (change: string, value: string) => {
    if (value !== secret && value.length > 0 && !out.some((m) => m.value === value)) out.push({ change, value });
  };
  add('case', secret.toUpperCase());
  add('case', secret.toLowerCase());
  for (const i of [firstLetter(secret), lastLetter(secret)])
    if (i >= 0 && i < secret.length) add('case', at(secret, i, swapCase(secret[i] ?? '')));
  for (const i of places(secret)) add('character', at(secret, i, other(secret[i] ?? '')));
  add('truncation', secret.slice(0, -1));
  add('truncation', secret.slice(0, Math.ceil(secret.length / 2)));
  // bcrypt reads 72 bytes: a longer secret cut there, and one with a change past them.
  if (secret.length > 72) {
    add('truncation', secret.slice(0, 72));
    add('character', at(secret, 72, other(secret[72] ?? '')));
  }
  add('extension', `${secret}A`);
  add('extension', `${secret}${secret[0] ?? ''}`);
  add('extension', `A${secret}`);
  add(
    'encoding',
    encodeURIComponent(secret).replace(/[A-Za-z0-9]/, (c) => `%${c.charCodeAt(0).toString(16)}`),
  );
  add('encoding', Buffer.from(secret).toString('base64url'));
  return out;
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decoded = (part: string): Record<string, unknown> | undefined => {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
};

/**
 * A JWT forged in each of its parts, as an attacker would: `alg: none` with the signature
 * dropped, the algorithm swapped, the payload's subject and expiry changed under the original
 * signature, and the signature removed. Empty for a token that is no JWT (an opaque token has
 * no parts to forge; its near misses are all there is).
 */
export function tokenForgeries(token: string): NearMiss[] {
  const [header, payload, signature] = token.split('.');
  const [h, p] = [decoded(header ?? ''), decoded(payload ?? '')];
  if (token.split('.').length !== 3 || !h || !p || !signature) return [];
  const year3000 = 32_503_680_000;
  return [
    { change: 'header (alg none, no signature)', value: `${b64({ ...h, alg: 'none' })}.${payload}.` },
    { change: 'header (alg HS256)', value: `${b64({ ...h, alg: 'HS256' })}.${payload}.${signature}` },
    { change: 'payload (another subject)', value: `${header}.${b64({ ...p, sub: `${String(p.sub)}x` })}.${signature}` },
    { change: 'payload (expiry in 3000)', value: `${header}.${b64({ ...p, exp: year3000 })}.${signature}` },
    { change: 'signature (removed)', value: `${header}.${payload}.` },
  ].filter((f) => f.value !== token);
}
