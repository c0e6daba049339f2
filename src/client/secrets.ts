/**
 * Secret redaction. Two nets: known secret values (tokens, client secrets, every password
 * the run sees) are replaced wherever they appear, and JSON fields with secret-sounding
 * names are masked whatever their value. Everything recorded or printed passes through here.
 */
export const REDACTED = '<redacted>';

const SECRET_NAMES = [
  ...['tempPassword', 'password', 'currentPassword', 'newPassword'],
  ...['accessToken', 'refreshToken', 'idToken', 'access_token', 'refresh_token', 'id_token'],
  ...['clientSecret', 'client_secret', 'appSecret', 'token', 'secret'],
];
const SECRET_KEY = new RegExp(`^(${SECRET_NAMES.join('|')})$`, 'i');
const MIN_SECRET_LENGTH = 4;

/** Every value redacted from recorded text. */
const known = new Set<string>();
/** Of those, the ones the server must never echo (tokens, passwords): a leak is a finding. */
const leakable = new Set<string>();

export function registerSecret(value: string | undefined | null): void {
  if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH) {
    known.add(value);
    leakable.add(value);
  }
}

/** Redacted like a secret, but a server may legitimately echo it (a tenant header's value). */
export function registerRedacted(value: string | undefined | null): void {
  if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH) known.add(value);
}

export const knownSecrets = (): Iterable<string> => leakable;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

export function redactText(text: string): string {
  let out = text;
  for (const secret of known) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

export function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        isSecretKey(k) && v !== null && v !== undefined ? REDACTED : redactJson(v),
      ]),
    );
  }
  return typeof value === 'string' ? redactText(value) : value;
}

const SECRET_KEY_IN_TEXT = new RegExp(`"(${SECRET_NAMES.join('|')})"`, 'i');

/** Whether redactBody could change the text: a known secret, a secret-named key, or an escape that may spell one. */
function mayHoldSecret(text: string): boolean {
  if (SECRET_KEY_IN_TEXT.test(text) || text.includes('\\')) return true;
  for (const secret of known) if (text.includes(secret)) return true;
  return false;
}

/** Redacts a body given as text: JSON bodies field by field, anything else by known values. */
export function redactBody(text: string): string {
  // Most bodies (a page of users) hold nothing to redact: they are returned as they are, unparsed.
  if (!mayHoldSecret(text)) return text;
  try {
    return JSON.stringify(redactJson(JSON.parse(text)));
  } catch {
    return redactText(text);
  }
}

const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie)$/i;

/** Credential headers keep their scheme (`Bearer <redacted>`) so a reader sees what was sent. */
function redactCredential(value: string): string {
  const scheme = /^(\w+)\s+\S/.exec(value)?.[1];
  return scheme ? `${scheme} ${REDACTED}` : REDACTED;
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [k, CREDENTIAL_HEADER.test(k) ? redactCredential(v) : redactText(v)]),
  );
}
