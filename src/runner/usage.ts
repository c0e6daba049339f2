/**
 * The command line: every option with its environment variable, meaning and default, grouped
 * as a user meets them (target, credentials, run, reports), and the help text made from it.
 */
import type { RunConfig } from '../config/run-config.ts';
import { ENV } from '../config/run-config.ts';

export interface OptionSpec {
  key: keyof RunConfig;
  group: 'target' | 'credentials' | 'run' | 'reports' | 'self-tests';
  meaning: string;
  default?: string;
}

export const OPTIONS: Record<string, OptionSpec> = {
  'base-url': {
    key: 'baseUrl',
    group: 'target',
    meaning: 'the Run:ai control plane to test',
    default: 'the embedded reference',
  },
  capabilities: {
    key: 'capabilities',
    group: 'target',
    meaning: 'optional capabilities the target declares (password-login): a declared one that fails is a failure',
    default: 'none: detected',
  },
  'ca-cert': {
    key: 'caCert',
    group: 'target',
    meaning: 'PEM file of certificate authorities to trust (NODE_EXTRA_CA_CERTS works too)',
    default: 'public roots',
  },
  token: { key: 'token', group: 'credentials', meaning: 'admin bearer token' },
  'client-id': { key: 'clientId', group: 'credentials', meaning: 'or: client credentials for POST /api/v1/token' },
  'client-secret': { key: 'clientSecret', group: 'credentials', meaning: 'the secret of --client-id' },
  'viewer-token': {
    key: 'viewerToken',
    group: 'credentials',
    meaning: 'a token without user-management rights, for the 403 checks',
    default: 'none: those checks not applicable',
  },
  profile: { key: 'profile', group: 'run', meaning: 'smoke (read-only), standard or full', default: 'standard' },
  only: { key: 'only', group: 'run', meaning: 'only suite files whose path contains one of these (comma list)' },
  timeout: {
    key: 'timeoutMs',
    group: 'run',
    meaning: 'deadline of one request in ms, body included',
    default: '10000',
  },
  'max-attempts': { key: 'maxAttempts', group: 'run', meaning: 'attempts per request on 429/503', default: '4' },
  concurrency: {
    key: 'concurrency',
    group: 'run',
    meaning: 'requests in flight at once for the whole run (shrinks on 429/503)',
    default: '16',
  },
  'max-rps': { key: 'maxRps', group: 'run', meaning: 'requests per second for the whole run', default: 'no cap' },
  workers: { key: 'workers', group: 'run', meaning: 'suite files run in parallel processes', default: '4' },
  skip: { key: 'skip', group: 'run', meaning: 'requirements not to run (comma list): not run, never certifiable' },
  waivers: {
    key: 'waivers',
    group: 'run',
    meaning: 'JSON file of known deviations ([{requirement, reason, expires}]): reported as waived until expiry',
  },
  'max-failures': {
    key: 'maxFailures',
    group: 'run',
    meaning: 'stop after N broken MUST requirements (the rest inconclusive)',
    default: 'no limit',
  },
  'report-dir': { key: 'reportDir', group: 'reports', meaning: 'where reports go', default: 'reports' },
  'reference-faults': {
    key: 'referenceFaults',
    group: 'self-tests',
    meaning: 'deliberate faults to switch on in the embedded reference',
  },
  'reference-variants': {
    key: 'referenceVariants',
    group: 'self-tests',
    meaning: 'conforming variants to switch on in the embedded reference',
  },
  'reference-users': {
    key: 'referenceUsers',
    group: 'self-tests',
    meaning: 'background users of the embedded reference',
    default: '300',
  },
};

const EXTRA: Record<string, string[]> = {
  target: [
    '--insecure             skip TLS verification (RUNAI_INSECURE=1); warned about, never certifiable',
    "--header 'Name: value' RUNAI_HEADERS (one a line): sent with every request, for a gateway or tenant;",
    '                       repeatable; values are redacted like tokens',
    'HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured',
  ],
  run: [
    '--read-only            RUNAI_READ_ONLY=1: not a single write (smoke profile; a writing profile is refused)',
    "--verbose              RUNAI_VERBOSE=1: the runner's own output too (it is always in <report-dir>/run.log)",
  ],
  reports: [
    '--certify DIR          after the run, write a certification bundle to DIR',
    '--sign-key FILE        sign the bundle with an Ed25519 private key (see keygen)',
    '--keep-foreign-data    RUNAI_KEEP_FOREIGN_DATA=1: keep users the run did not create whole in reports',
    '                       (by default they appear by id only)',
  ],
  verify: [
    '--public-key FILE      the key the bundle must be signed with',
    '--integrity-only       check that the bundle is intact, not that it certifies',
  ],
  replay: [
    '--from FILE            the results.json of the run whose failure to replay (default: reports/results.json)',
  ],
  'self-tests': [
    '--port N               port for `reference`',
    '--help                 this text',
    '--version              the suite version',
  ],
};

function line(flag: string, spec: OptionSpec): string {
  const meaning = spec.default ? `${spec.meaning} (default: ${spec.default})` : spec.meaning;
  return `  --${flag.padEnd(20)} ${ENV[spec.key].padEnd(27)} ${meaning}`;
}

export function usage(): string {
  const groups = ['target', 'credentials', 'run', 'reports', 'verify', 'replay', 'self-tests'] as const;
  const sections = groups.map((g) =>
    [
      `${g}:`,
      ...Object.entries(OPTIONS)
        .filter(([, s]) => s.group === g)
        .map(([flag, s]) => line(flag, s)),
      ...(EXTRA[g] ?? []).map((e) => `  ${e}`),
    ].join('\n'),
  );
  return `usage: runai-conformance [command] [options]

commands:
  run            run the conformance suite (the default); without --base-url against the embedded reference
  reference      serve the reference implementation and print its URL and credentials
  cleanup        delete users left behind by earlier runs (by name, and by the ids in --report-dir)
  verify DIR     check a certification bundle: intact (complete, consistent, unmodified, signed by
                 --public-key when given) and certifying; exit 0 only when both hold, else 1 with why
  bundle DIR     write a certification bundle from an existing report folder (e.g. merged shards)
  keygen PREFIX  write an Ed25519 key pair for signing bundles: PREFIX.key (keep it) and PREFIX.pub
  diff OLD NEW   what changed between two runs (results.json, report folders or bundles); exit 1 on a MUST
                 that passed in OLD and fails in NEW
  replay REQ     run the test that found a recorded failure of requirement REQ again, same seed and
                 counterexample, against the recorded target (--from FILE: its results.json, default
                 reports/results.json); exit 1 reproduced, 0 not, 2 it could not run (a credential missing)

options (each also read from the environment variable beside it; a flag wins):
${sections.join('\n\n')}

exit status: 0 conformant, 1 non-conformant, 2 the run could not be made (a one-line reason is printed)

examples:
  npx runai-conformance                                       # a self-test against the embedded reference
  RUNAI_TOKEN=... RUNAI_VIEWER_TOKEN=... npx runai-conformance --base-url https://staging.example --certify bundle
  RUNAI_TOKEN=... npx runai-conformance --base-url https://prod.example --read-only   # monitoring: no write
  npx runai-conformance verify bundle --public-key vendor.pub
  RUNAI_TOKEN=... npx runai-conformance replay get_users/paging/offset-respected --from reports/results.json`;
}
