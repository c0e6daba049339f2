/**
 * A copy-paste reproduction of a request. Credentials are never inlined: the
 * Authorization header refers to the environment variable that holds the token.
 */
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function curlFor(
  method: string,
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
  tokenVariable: string | undefined,
): string {
  const parts = ['curl', '-sS', '-i', '-X', method, quote(url)];
  for (const [k, v] of Object.entries(headers)) {
    // curl asks for and undoes the codings itself.
    if (k.toLowerCase() === 'accept-encoding') parts.push('--compressed');
    else if (k.toLowerCase() === 'authorization') {
      if (tokenVariable) parts.push('-H', `"Authorization: Bearer \${${tokenVariable}}"`);
      else parts.push('-H', quote(`${k}: ${v}`));
    } else {
      parts.push('-H', quote(`${k}: ${v}`));
    }
  }
  if (body !== undefined) parts.push('--data-raw', quote(body));
  return parts.join(' ');
}
