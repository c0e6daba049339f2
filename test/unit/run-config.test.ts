import { describe, expect, it } from 'vitest';
import { ConfigError, configToEnv, loadConfig } from '../../src/config/run-config.ts';

describe('run configuration', () => {
  it('defaults to the embedded reference and the standard profile', () => {
    const c = loadConfig({});
    expect(c.baseUrl).toBeUndefined();
    expect(c.profile).toBe('standard');
    expect(c.timeoutMs).toBe(10_000);
  });

  it('needs credentials for a remote target', () => {
    expect(() => loadConfig({ RUNAI_BASE_URL: 'https://x.example' })).toThrow(ConfigError);
    expect(loadConfig({ RUNAI_BASE_URL: 'https://x.example/', RUNAI_TOKEN: 't' }).baseUrl).toBe('https://x.example');
    expect(() => loadConfig({ RUNAI_BASE_URL: 'https://x.example', RUNAI_CLIENT_ID: 'id' })).toThrow(/go together/);
  });

  it('rejects bad values with the variable named', () => {
    expect(() => loadConfig({ RUNAI_BASE_URL: 'not a url', RUNAI_TOKEN: 't' })).toThrow(/RUNAI_BASE_URL/);
    expect(() => loadConfig({ RUNAI_TIMEOUT_MS: '-5' })).toThrow(/RUNAI_TIMEOUT_MS/);
    expect(() => loadConfig({ RUNAI_PROFILE: 'huge' })).toThrow(/profile/);
  });

  it('round-trips through environment variables', () => {
    const c = loadConfig({
      RUNAI_BASE_URL: 'http://h',
      RUNAI_CLIENT_ID: 'a',
      RUNAI_CLIENT_SECRET: 'b',
      RUNAI_PROFILE: 'smoke',
      RUNAI_REFERENCE_LATENCY_MS: '20-80',
      RUNAI_CAPABILITIES: 'password-login',
      RUNAI_MAX_RPS: '40',
      RUNAI_INSECURE: '1',
    });
    expect(c.referenceLatencyMs).toEqual([20, 80]);
    expect(loadConfig(configToEnv(c))).toEqual(c);
  });
});
