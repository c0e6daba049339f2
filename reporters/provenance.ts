/** Where a run's results come from, recorded in results.json and every bundle. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunConfig } from '../src/config/run-config.ts';
import { apiVersion, specSha256 } from '../src/spec/openapi.ts';
import { suiteCommit } from './certification.ts';
import type { Provenance, TestRecord } from './outcomes.ts';

export function suiteVersion(root: string): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The base URL of a remote target, as the user gave it (no trailing slash). */
export const targetUrl = (t: Extract<Provenance['target'], { kind: 'remote' }>) =>
  `${t.scheme}://${t.host}${t.basePath.replace(/\/$/, '')}`;

function targetOf(config: RunConfig): Provenance['target'] {
  // The embedded reference with its switches, so that a replay meets the same server.
  if (!config.baseUrl)
    return {
      kind: 'embedded',
      ...(config.referenceFaults ? { faults: config.referenceFaults } : {}),
      ...(config.referenceVariants ? { variants: config.referenceVariants } : {}),
    };
  const url = new URL(config.baseUrl);
  return { kind: 'remote', scheme: url.protocol.replace(/:$/, ''), host: url.host, basePath: url.pathname };
}

export interface ProvenanceInput {
  root: string;
  config: RunConfig;
  tests: TestRecord[];
  startedAt?: string;
  endedAt?: string;
}

export function provenance({ root, config, tests, startedAt, endedAt }: ProvenanceInput): Provenance {
  const seeds = [...new Set(tests.map((t) => t.meta?.seed).filter((s): s is string => typeof s === 'string'))];
  return {
    target: targetOf(config),
    suite: { version: suiteVersion(root), commit: suiteCommit(root) },
    spec: { version: apiVersion, sha256: specSha256 },
    profile: config.profile,
    filters: config.only ? { only: config.only } : {},
    capabilities: config.capabilities?.split(',') ?? [],
    credentials: !config.baseUrl ? 'embedded' : config.token ? 'token' : 'client-credentials',
    readOnly: config.readOnly === true,
    insecure: config.insecure === true,
    seeds,
    startedAt: startedAt ?? 'unknown',
    endedAt: endedAt ?? new Date().toISOString(),
    node: process.version,
  };
}
