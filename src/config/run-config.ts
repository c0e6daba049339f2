/**
 * Run configuration from environment variables (names fixed: the outside world relies on
 * them) overridden by CLI flags. Invalid combinations raise ConfigError, which the CLI turns
 * into exit 2 with a one-line reason.
 */

import { existsSync } from 'node:fs';
import { type Profile, profiles } from '../catalogue/requirements.ts';
import { SuiteError } from '../model/errors.ts';

export class ConfigError extends SuiteError {
  readonly code = 'config';
}

export interface RunConfig {
  /** Undefined: start the embedded reference. */
  baseUrl?: string;
  token?: string;
  clientId?: string;
  clientSecret?: string;
  viewerToken?: string;
  profile: Profile;
  timeoutMs: number;
  reportDir: string;
  maxAttempts: number;
  maxRetryWaitMs: number;
  /** PEM file of certificate authorities to trust beyond the public ones. */
  caCert?: string;
  /** Skip TLS verification: warned about on every run, never certifiable. */
  insecure?: boolean;
  /** Requests in flight at once for the whole run, shared by all workers. */
  concurrency: number;
  /** Requests per second for the whole run; undefined for no cap. */
  maxRps?: number;
  /** Faults to switch on in the embedded reference (self-tests and scoring). */
  referenceFaults?: string;
  /** Conforming variants to switch on in the embedded reference. */
  referenceVariants?: string;
  referenceUsers: number;
  /** Milliseconds the embedded reference waits before each answer (benchmarks). */
  referenceLatencyMs?: [number, number];
  /** Test files run in parallel (vitest workers). */
  workers: number;
  /** Only suite files whose path contains one of these comma-separated parts. */
  only?: string;
  /** Optional capabilities the target declares (comma list): a declared one that fails is a failure. */
  capabilities?: string;
  /** Sends no write at all (production monitoring): the smoke profile, and the client refuses writes. */
  readOnly?: boolean;
  /** Keep other people's users whole in reports (by default they appear by id only). */
  keepForeignData?: boolean;
  /** The runner's own output in the terminal too (it is always in run.log). */
  verbose?: boolean;
  /** Extra request headers, one `Name: value` a line (gateways, tenants); their values are treated as secrets. */
  headers?: string;
  /** Requirements not to run (comma list): not run, so the run cannot certify. */
  skip?: string;
  /** JSON file of waivers: known deviations reported as waived until their expiry date. */
  waivers?: string;
  /** Stop after this many broken MUST requirements (the rest inconclusive). */
  maxFailures?: number;
}

/** Environment variable for each setting; flags use the kebab-case key (`--base-url`). */
export const ENV: Record<keyof RunConfig, string> = {
  baseUrl: 'RUNAI_BASE_URL',
  token: 'RUNAI_TOKEN',
  clientId: 'RUNAI_CLIENT_ID',
  clientSecret: 'RUNAI_CLIENT_SECRET',
  viewerToken: 'RUNAI_VIEWER_TOKEN',
  profile: 'RUNAI_PROFILE',
  timeoutMs: 'RUNAI_TIMEOUT_MS',
  reportDir: 'RUNAI_REPORT_DIR',
  maxAttempts: 'RUNAI_MAX_ATTEMPTS',
  maxRetryWaitMs: 'RUNAI_MAX_RETRY_WAIT_MS',
  concurrency: 'RUNAI_CONCURRENCY',
  caCert: 'RUNAI_CA_CERT',
  insecure: 'RUNAI_INSECURE',
  maxRps: 'RUNAI_MAX_RPS',
  referenceFaults: 'RUNAI_REFERENCE_FAULTS',
  referenceVariants: 'RUNAI_REFERENCE_VARIANTS',
  referenceUsers: 'RUNAI_REFERENCE_USERS',
  only: 'RUNAI_ONLY',
  capabilities: 'RUNAI_CAPABILITIES',
  referenceLatencyMs: 'RUNAI_REFERENCE_LATENCY_MS',
  workers: 'RUNAI_WORKERS',
  readOnly: 'RUNAI_READ_ONLY',
  keepForeignData: 'RUNAI_KEEP_FOREIGN_DATA',
  verbose: 'RUNAI_VERBOSE',
  headers: 'RUNAI_HEADERS',
  skip: 'RUNAI_SKIP',
  waivers: 'RUNAI_WAIVERS',
  maxFailures: 'RUNAI_MAX_FAILURES',
};

/** The spellings of a yes/no setting, read one way everywhere (flags, variables, the action's inputs). */
const TRUE = new Set(['true', '1', 'yes', 'y', 'on']);
const FALSE = new Set(['false', '0', 'no', 'n', 'off']);

/** A yes/no setting: a spelling nobody could mean either way is the user's mistake, never "no". */
export function booleanSetting(name: string, raw: string | undefined): true | undefined {
  if (raw === undefined) return undefined;
  const word = raw.trim().toLowerCase();
  if (TRUE.has(word)) return true;
  if (FALSE.has(word)) return undefined;
  throw new ConfigError(`${name} takes true or false (also yes/no, on/off, 1/0), got "${raw}"`);
}

/** Settings whose emptiness nobody means: set but empty is a missing secret or a typo, never the default. */
const NEVER_EMPTY: (keyof RunConfig)[] = [
  'baseUrl',
  'profile',
  'timeoutMs',
  'reportDir',
  'maxAttempts',
  'maxRetryWaitMs',
  'concurrency',
  'caCert',
  'maxRps',
  'referenceUsers',
  'referenceLatencyMs',
  'workers',
  'only',
  'waivers',
  'maxFailures',
  'insecure',
  'readOnly',
  'keepForeignData',
  'verbose',
];

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) <= 0) throw new ConfigError(`${name} must be a positive integer, got "${raw}"`);
  return Number(raw);
}

/** Capabilities a target may declare. `password-login`: created users log in with the password grant. */
export const CAPABILITIES = ['password-login'] as const;

function checkedCapabilities(raw: string | undefined): string | undefined {
  const list = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = list.filter((c) => !(CAPABILITIES as readonly string[]).includes(c));
  if (unknown.length) throw new ConfigError(`unknown capability "${unknown[0]}" (known: ${CAPABILITIES.join(', ')})`);
  return list.length ? list.join(',') : undefined;
}

/** "50" or "20-80": milliseconds the embedded reference waits before each answer. */
function latencyRange(raw: string | undefined): [number, number] | undefined {
  if (raw === undefined) return undefined;
  const m = /^(\d+)(?:-(\d+))?$/.exec(raw);
  if (!m || Number(m[2] ?? m[1]) < Number(m[1])) {
    throw new ConfigError(`RUNAI_REFERENCE_LATENCY_MS must be N or MIN-MAX milliseconds, got "${raw}"`);
  }
  return [Number(m[1]), Number(m[2] ?? m[1])];
}

/** `Name: value` lines; a header a client may not set, or a line without a colon, is the user's mistake. */
function checkedHeaders(raw: string | undefined): string | undefined {
  const lines = (raw ?? '').split('\n').filter((l) => l.trim());
  for (const l of lines) {
    const m = /^([!#$%&'*+.^_`|~\w-]+):\s*(.*)$/.exec(l.trim());
    // The line itself is not echoed: it may hold a secret.
    if (!m) throw new ConfigError(`--header (RUNAI_HEADERS) takes 'Name: value', got a line without a name`);
    if (/^(host|content-length|transfer-encoding|connection)$/i.test(m[1] ?? ''))
      throw new ConfigError(`--header (RUNAI_HEADERS) cannot set ${m[1]}`);
  }
  return lines.length ? lines.join('\n') : undefined;
}

function readableFile(name: string, path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  if (!existsSync(path)) throw new ConfigError(`${name} names no file: ${path}`);
  return path;
}

export function loadConfig(values: Record<string, string | undefined>): RunConfig {
  const empty = (key: keyof RunConfig) => values[ENV[key]] !== undefined && values[ENV[key]]?.trim() === '';
  const given = (key: keyof RunConfig) => values[ENV[key]]?.trim();
  // A credential may be empty only where its alternative is given (a workflow passes both secrets).
  const unmeant = [
    ...NEVER_EMPTY,
    ...(given('clientId') && given('clientSecret') ? [] : (['token'] as const)),
    ...(given('token') ? [] : (['clientId', 'clientSecret'] as const)),
  ];
  for (const key of unmeant)
    if (empty(key))
      throw new ConfigError(`${ENV[key]} is set but empty (a missing secret?): give it a value or unset it`);
  const get = (key: keyof RunConfig) => {
    const v = values[ENV[key]];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const flag = (key: keyof RunConfig) => booleanSetting(ENV[key], get(key));
  const baseUrl = get('baseUrl');
  if (baseUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new ConfigError(`RUNAI_BASE_URL is not a URL: "${baseUrl}"`);
    }
    if (!/^https?:$/.test(url.protocol))
      throw new ConfigError(`RUNAI_BASE_URL must be http or https, got ${url.protocol}`);
  }
  const token = get('token');
  const clientId = get('clientId');
  const clientSecret = get('clientSecret');
  if ((clientId === undefined) !== (clientSecret === undefined)) {
    throw new ConfigError('RUNAI_CLIENT_ID and RUNAI_CLIENT_SECRET go together');
  }
  if (baseUrl !== undefined && token === undefined && clientId === undefined) {
    throw new ConfigError('RUNAI_BASE_URL needs RUNAI_TOKEN or RUNAI_CLIENT_ID with RUNAI_CLIENT_SECRET');
  }
  const readOnly = flag('readOnly');
  const profile = (get('profile') ?? (readOnly ? 'smoke' : 'standard')) as Profile;
  if (!profiles.includes(profile))
    throw new ConfigError(`unknown profile "${profile}" (one of ${profiles.join(', ')})`);
  // Read-only is a guarantee, so a writing profile is a contradiction, not a choice to make for the user.
  if (readOnly && profile !== 'smoke') {
    throw new ConfigError(
      `--read-only (RUNAI_READ_ONLY) cannot be combined with profile ${profile} (--profile, RUNAI_PROFILE), ` +
        'which writes: drop one of them',
    );
  }
  return {
    baseUrl: baseUrl?.replace(/\/+$/, ''),
    token,
    clientId,
    clientSecret,
    viewerToken: get('viewerToken'),
    profile,
    timeoutMs: positiveInt('RUNAI_TIMEOUT_MS', get('timeoutMs'), 10_000),
    reportDir: get('reportDir') ?? 'reports',
    maxAttempts: positiveInt('RUNAI_MAX_ATTEMPTS', get('maxAttempts'), 4),
    maxRetryWaitMs: positiveInt('RUNAI_MAX_RETRY_WAIT_MS', get('maxRetryWaitMs'), 10_000),
    referenceFaults: get('referenceFaults'),
    referenceVariants: get('referenceVariants'),
    referenceUsers:
      get('referenceUsers') === '0' ? 0 : positiveInt('RUNAI_REFERENCE_USERS', get('referenceUsers'), 300),
    only: get('only'),
    capabilities: checkedCapabilities(get('capabilities')),
    referenceLatencyMs: latencyRange(get('referenceLatencyMs')),
    workers: positiveInt('RUNAI_WORKERS', get('workers'), 4),
    concurrency: positiveInt('RUNAI_CONCURRENCY', get('concurrency'), 16),
    caCert: readableFile('RUNAI_CA_CERT', get('caCert')),
    insecure: flag('insecure'),
    readOnly,
    keepForeignData: flag('keepForeignData'),
    verbose: flag('verbose'),
    headers: checkedHeaders(values[ENV.headers]),
    skip: get('skip'),
    waivers: readableFile('RUNAI_WAIVERS', get('waivers')),
    maxFailures:
      get('maxFailures') === undefined ? undefined : positiveInt('RUNAI_MAX_FAILURES', get('maxFailures'), 1),
    maxRps: get('maxRps') === undefined ? undefined : positiveInt('RUNAI_MAX_RPS', get('maxRps'), 1),
  };
}

/** What the user should know of the settings before the run: an optional one left empty. */
export function configWarnings(values: Record<string, string | undefined>): string[] {
  return values[ENV.viewerToken] !== undefined && values[ENV.viewerToken]?.trim() === ''
    ? [`${ENV.viewerToken} is set but empty: taken as not given: the viewer checks are not run, nothing certifies`]
    : [];
}

/** The extra headers as a record (names lower-cased, as the transport sends them). */
export function headerRecord(headers: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of (headers ?? '').split('\n')) {
    const at = line.indexOf(':');
    if (at > 0) out[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  return out;
}

/** The config as environment variables, for handing to the test workers. */
export function configToEnv(config: RunConfig): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, name] of Object.entries(ENV)) {
    const value = config[key as keyof RunConfig];
    // A range goes back as MIN-MAX, the form it is read in.
    if (value !== undefined) env[name] = Array.isArray(value) ? value.join('-') : String(value);
  }
  return env;
}
