/**
 * The resolved target a run talks to, as handed from the global setup to the test workers,
 * and the factory that builds a client for it.
 */

import { join } from 'node:path';
import type { Profile } from '../catalogue/requirements.ts';
import { ClientCredentials, StaticToken, type TokenSource } from '../client/auth.ts';
import { FlowControl } from '../client/flow-control.ts';
import type { NetworkOptions } from '../client/network.ts';
import { Ownership } from '../client/ownership.ts';
import { Transport } from '../client/transport.ts';
import { UsersClient, type UsersClientOptions } from '../client/users-client.ts';
import { headerRecord, type RunConfig } from '../config/run-config.ts';
import { runPrefix } from '../model/run-naming.ts';
import { tracing, withTrace } from '../mutation/trace.ts';

export interface Target {
  baseUrl: string;
  embedded: boolean;
  token?: string;
  clientId?: string;
  clientSecret?: string;
  viewerToken?: string;
  runId: string;
  profile: Profile;
  timeoutMs: number;
  maxAttempts: number;
  maxRetryWaitMs: number;
  /** The run's in-flight budget and rate cap, and how many worker processes share them. */
  concurrency: number;
  maxRps?: number;
  workers: number;
  /** Extra trusted roots, or no TLS verification at all. */
  network: NetworkOptions;
  reportDir: string;
  /** Capabilities the target declares (RUNAI_CAPABILITIES). */
  capabilities: string[];
  /** No write leaves the client (--read-only). */
  readOnly: boolean;
  /** Sent with every request (--header). */
  headers: Record<string, string>;
}

export function targetFromConfig(config: RunConfig, runId: string, baseUrl = config.baseUrl ?? ''): Target {
  return {
    baseUrl,
    embedded: config.baseUrl === undefined,
    token: config.token,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    viewerToken: config.viewerToken,
    runId,
    profile: config.profile,
    timeoutMs: config.timeoutMs,
    maxAttempts: config.maxAttempts,
    concurrency: config.concurrency,
    maxRps: config.maxRps,
    workers: config.workers,
    network: { caCertFiles: config.caCert ? [config.caCert] : undefined, insecure: config.insecure },
    maxRetryWaitMs: config.maxRetryWaitMs,
    reportDir: config.reportDir,
    capabilities: config.capabilities?.split(',') ?? [],
    readOnly: config.readOnly === true,
    headers: headerRecord(config.headers),
  };
}

/** A worker's share of the run's budget. */
const share = (total: number, workers: number) => Math.max(1, Math.floor(total / Math.max(1, workers)));

export function createTransport(target: Target): Transport {
  return new Transport({
    baseUrl: target.baseUrl,
    timeoutMs: target.timeoutMs,
    maxAttempts: target.maxAttempts,
    maxRetryWaitMs: target.maxRetryWaitMs,
    maxBodyBytes: 16 * 1024 * 1024,
    connections: share(target.concurrency, target.workers),
    network: target.network,
    extraHeaders: target.headers,
    // Token grants too: the test that sent a request is the one its coverage counts against.
    ...(tracing() ? { traceHeaders: withTrace } : {}),
    flow: new FlowControl({
      concurrency: share(target.concurrency, target.workers),
      // The rate is the run's, shared by every worker through a file.
      maxRps: target.maxRps,
      pauseFile: join(target.reportDir, 'pause-until'),
      paceFile: join(target.reportDir, 'pace-next'),
    }),
  });
}

export function adminTokenSource(target: Target, transport: Transport): TokenSource {
  if (target.token) return new StaticToken(target.token);
  if (target.clientId && target.clientSecret)
    return new ClientCredentials(transport, target.clientId, target.clientSecret);
  throw new Error('target has no admin credentials');
}

export interface ClientHooks {
  onExchange?: UsersClientOptions['onExchange'];
  onCreated?: UsersClientOptions['onCreated'];
  onDeleted?: UsersClientOptions['onDeleted'];
  onFailure?: UsersClientOptions['onFailure'];
  onCreateSent?: UsersClientOptions['onCreateSent'];
  beforeSend?: UsersClientOptions['beforeSend'];
  /** Which usernames may be adopted for deletion (default: this run's). */
  adoptable?: (username: string) => boolean;
}

export function createClient(target: Target, hooks: ClientHooks = {}): UsersClient {
  const { adoptable, ...callbacks } = hooks;
  const transport = createTransport(target);
  return new UsersClient({
    transport,
    admin: adminTokenSource(target, transport),
    viewer: target.viewerToken ? new StaticToken(target.viewerToken) : undefined,
    ownership: new Ownership(runPrefix(target.runId), adoptable),
    readOnly: target.readOnly,
    ...callbacks,
    tokenVariables: { admin: 'RUNAI_TOKEN', viewer: 'RUNAI_VIEWER_TOKEN' },
  });
}
