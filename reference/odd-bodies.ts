/**
 * The faults of bodies off the map, apart from the other fault behaviours because the body reader
 * needs them and they need nothing: like them, left out of mutation testing.
 */

/** How deep a JSON text nests: the most brackets open at once (strings skipped). */
function depthOf(text: string): number {
  let [depth, most, inString] = [0, 0, false];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') most = Math.max(most, ++depth);
    else if (c === '}' || c === ']') depth--;
  }
  return most;
}

/** The deep-json-500 and large-body-500 faults: a body past 64 levels or 16 KiB crashes the handler. */
export function crashOnOddBody(text: string, on: ReadonlySet<string>): void {
  if (on.has('deep-json-500') && depthOf(text) > 64) throw new Error('maximum nesting depth exceeded');
  if (on.has('large-body-500') && Buffer.byteLength(text) > 16 * 1024) throw new Error('body buffer overflow');
}
