import { describe, expect, it } from 'vitest';
import { ConfigError, configToEnv, configWarnings, loadConfig } from '../../src/config/run-config.ts';

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

describe('settings nobody could mean', () => {
  it('reads yes/no settings one way: the common spellings, anything else refused with its name', () => {
    for (const yes of ['true', 'TRUE', 'True', 'yes', 'Y', 'on', '1'])
      expect(loadConfig({ RUNAI_READ_ONLY: yes, RUNAI_INSECURE: yes }), yes).toMatchObject({
        readOnly: true,
        insecure: true,
      });
    for (const no of ['false', 'False', 'no', 'off', '0'])
      expect(loadConfig({ RUNAI_READ_ONLY: no }).readOnly).toBe(undefined);
    for (const odd of ['maybe', 'tru', '2', 'enabled'])
      expect(() => loadConfig({ RUNAI_VERBOSE: odd }), odd).toThrow(/RUNAI_VERBOSE takes true or false/);
  });

  it('an empty base URL, token, number or yes/no is an error, never a default', () => {
    for (const name of ['RUNAI_BASE_URL', 'RUNAI_MAX_RPS', 'RUNAI_PROFILE', 'RUNAI_READ_ONLY', 'RUNAI_WORKERS'])
      expect(() => loadConfig({ [name]: ' ' }), name).toThrow(new RegExp(`${name} is set but empty`));
    const remote = { RUNAI_BASE_URL: 'https://x.example' };
    expect(() => loadConfig({ ...remote, RUNAI_TOKEN: '' })).toThrow(/RUNAI_TOKEN is set but empty/);
    expect(() => loadConfig({ ...remote, RUNAI_TOKEN: 't', RUNAI_CLIENT_ID: '' })).not.toThrow();
    // A workflow hands over both kinds of credential; the one not configured is empty.
    const both = { ...remote, RUNAI_TOKEN: '', RUNAI_CLIENT_ID: 'id', RUNAI_CLIENT_SECRET: 's' };
    expect(loadConfig(both).clientId).toBe('id');
    expect(configWarnings({ RUNAI_VIEWER_TOKEN: '' })).toEqual([expect.stringMatching(/viewer checks are not run/)]);
    expect(loadConfig({ RUNAI_VIEWER_TOKEN: '' }).viewerToken).toBeUndefined();
  });
});
