/**
 * How requests reach a target inside an enterprise network: trusted roots beyond the public
 * ones (RUNAI_CA_CERT, and NODE_EXTRA_CA_CERTS as Node reads it), verification switched off
 * on request (--insecure), and HTTP(S)_PROXY / NO_PROXY honoured through undici's own proxy
 * agent. Builds the dispatcher the transport sends through.
 */
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { type Dispatcher, EnvHttpProxyAgent, Pool } from 'undici';

export interface NetworkOptions {
  /** PEM file(s) of extra certificate authorities to trust. */
  caCertFiles?: string[];
  /** Skip certificate verification (never for a certifiable run). */
  insecure?: boolean;
}

export interface PoolLimits {
  connections: number;
  timeoutMs: number;
}

/** The TLS settings: the public roots plus the extra ones, or no verification at all. */
export function tlsOptions(network: NetworkOptions): { ca?: string[]; rejectUnauthorized: boolean } {
  if (network.insecure) return { rejectUnauthorized: false };
  const extra = [...(network.caCertFiles ?? []), process.env.NODE_EXTRA_CA_CERTS]
    .filter((f): f is string => Boolean(f))
    .map((f) => readFileSync(f, 'utf8'));
  // Node adds NODE_EXTRA_CA_CERTS to its defaults; an explicit `ca` replaces them, so keep all.
  return extra.length
    ? { ca: [...rootCertificates, ...extra], rejectUnauthorized: true }
    : { rejectUnauthorized: true };
}

const proxied = () =>
  Boolean(process.env.HTTPS_PROXY || process.env.https_proxy || process.env.HTTP_PROXY || process.env.http_proxy);

/** A keep-alive pool to the target, or a proxy agent when the environment names a proxy. */
export function createDispatcher(origin: string, limits: PoolLimits, network: NetworkOptions): Dispatcher {
  const tls = tlsOptions(network);
  const timeouts = {
    headersTimeout: limits.timeoutMs,
    bodyTimeout: limits.timeoutMs,
    connectTimeout: limits.timeoutMs,
  };
  if (proxied()) {
    return new EnvHttpProxyAgent({ ...timeouts, connections: limits.connections, connect: tls, requestTls: tls });
  }
  return new Pool(origin, { ...timeouts, connections: limits.connections, keepAliveTimeout: 10_000, connect: tls });
}
