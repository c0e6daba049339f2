/**
 * ISO 8601 timestamps compared at full precision (nanoseconds as bigint), so that a server
 * keeping microseconds is judged by its own values, and shifted by exact amounts for
 * boundary queries.
 */
const ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})$/i;

export function instantNs(text: string): bigint | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const zone = m[3] ?? 'Z';
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const seconds = Date.parse(`${m[1]}${offset}`);
  if (Number.isNaN(seconds)) return undefined;
  const fraction = BigInt((m[2] ?? '').padEnd(9, '0').slice(0, 9) || '0');
  return BigInt(seconds) * 1_000_000n + fraction;
}

export function compareInstants(a: string, b: string): number | undefined {
  const x = instantNs(a);
  const y = instantNs(b);
  if (x === undefined || y === undefined) return undefined;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `text` moved by `deltaMs`, in UTC, keeping its fraction digits (at least milliseconds). */
export function shiftTimestamp(text: string, deltaMs: number): string {
  const ns = instantNs(text);
  if (ns === undefined) throw new Error(`not an ISO 8601 timestamp: ${text}`);
  const digits = Math.max(3, ISO.exec(text)?.[2]?.length ?? 0);
  return formatNs(ns + BigInt(deltaMs) * 1_000_000n, digits);
}

export function formatNs(ns: bigint, digits = 3): string {
  const ms = Number(ns / 1_000_000n);
  const base = new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19);
  const fraction = (((ns % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n)
    .toString()
    .padStart(9, '0')
    .slice(0, digits);
  return `${base}.${fraction}Z`;
}

/** A whole-second instant written as UTC wall time shifted by `minutes`, with that offset. */
function atOffset(ms: number, minutes: number, fraction: string): string {
  const wall = new Date(ms + minutes * 60_000).toISOString().slice(0, 19);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${wall}${fraction}${offset}`;
}

/**
 * Equivalent ISO 8601 spellings of the whole second at or before `text`: Z and +00:00, with
 * and without milliseconds, and two other offsets. Every one names the same instant.
 */
export function instantSpellings(text: string): string[] {
  const ns = instantNs(text);
  if (ns === undefined) throw new Error(`not an ISO 8601 timestamp: ${text}`);
  const ms = Number(ns / 1_000_000_000n) * 1000;
  const utc = new Date(ms).toISOString().slice(0, 19);
  return [
    `${utc}Z`,
    `${utc}.000Z`,
    `${utc}+00:00`,
    `${utc}.000+00:00`,
    atOffset(ms, 330, ''),
    atOffset(ms, -480, '.000'),
  ];
}
