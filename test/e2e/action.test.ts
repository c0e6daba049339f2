import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ENV } from '../../src/config/run-config.ts';
import { OPTIONS } from '../../src/runner/usage.ts';
import { cleanEnv } from '../../src/scoring/run-cli.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
}
const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};
const text = readFileSync(join(root, 'action.yml'), 'utf8');
const runStep = action.runs.steps.find((s) => s.id === 'run');

describe('the GitHub Action', () => {
  it('is composite, names only inputs it declares, and pins what it uses', () => {
    expect(action.runs.using).toBe('composite');
    for (const [, name] of text.matchAll(/inputs\.([\w-]+)/g)) expect(Object.keys(action.inputs)).toContain(name);
    for (const input of ['base-url', 'token', 'client-id', 'client-secret', 'viewer-token', 'profile', 'certify']) {
      expect(Object.keys(action.inputs)).toContain(input);
    }
    for (const s of action.runs.steps.filter((x) => x.uses)) expect(s.uses).toMatch(/@v\d+\.\d+\.\d+$/);
  });

  it('has an input for every run option of the CLI, handed to the run step as its variable', () => {
    const flags = Object.entries(OPTIONS).filter(([, spec]) => spec.group !== 'self-tests');
    const inputOf: Record<string, string> = { 'report-dir': 'REPORT_DIR' };
    for (const [flag, spec] of flags) {
      expect(Object.keys(action.inputs), flag).toContain(flag);
      const variable = inputOf[flag] ?? ENV[spec.key];
      expect(runStep?.env?.[variable], flag).toBe(`\${{ inputs.${flag} }}`);
    }
    for (const [flag, variable] of [
      ['read-only', 'RUNAI_READ_ONLY'],
      ['insecure', 'RUNAI_INSECURE'],
      ['keep-foreign-data', 'RUNAI_KEEP_FOREIGN_DATA'],
      ['verbose', 'RUNAI_VERBOSE'],
      ['headers', 'RUNAI_HEADERS'],
    ])
      expect(runStep?.env?.[variable ?? '']).toBe(`\${{ inputs.${flag} }}`);
  });

  it('sets Node.js up only when the caller has none suitable, and caches npm downloads', () => {
    const setup = action.runs.steps.find((x) => x.uses?.startsWith('actions/setup-node'));
    expect((setup as { if?: string } | undefined)?.if).toMatch(/steps\.node\.outputs\.suitable != 'true'/);
    expect(action.runs.steps.some((x) => x.uses?.startsWith('actions/cache'))).toBe(true);
  });

  it('masks every secret input before anything runs', () => {
    const mask = action.runs.steps[0];
    expect(mask?.run).toMatch(/::add-mask::/);
    const masked = Object.values(mask?.env ?? {}).join(' ');
    for (const secret of ['token', 'client-secret', 'viewer-token', 'headers'])
      expect(masked).toContain(`inputs.${secret}`);
  });

  it('every output is written by the run step', () => {
    for (const [name, out] of Object.entries(action.outputs)) {
      expect(out.value).toBe(`\${{ steps.run.outputs.${name} }}`);
      expect(runStep?.run).toContain(`echo "${name}=`);
    }
  });

  it('a pull-request workflow uses the action of this repository', () => {
    const workflow = readFileSync(join(root, '.github/workflows/pull-request.yml'), 'utf8');
    expect(workflow).toMatch(/uses: \.\/\n/);
  });

  /** The run step as GitHub runs it, with every input as the action hands it over (empty when not given). */
  function runTheStep(inputs: Record<string, string>) {
    const dir = mkdtempSync(join(tmpdir(), 'rc-action-'));
    const outputs = join(dir, 'outputs');
    const defaults = Object.fromEntries(
      Object.entries(runStep?.env ?? {}).map(([name, value]) => {
        const input = /inputs\.([\w-]+)/.exec(value)?.[1] ?? '';
        return [name, String((action.inputs[input] as { default?: string } | undefined)?.default ?? '')];
      }),
    );
    const out = spawnSync('bash', ['-e', '-c', runStep?.run ?? 'exit 9'], {
      cwd: dir,
      env: {
        ...cleanEnv(),
        ...defaults,
        GITHUB_ACTION_PATH: root,
        GITHUB_OUTPUT: outputs,
        REPORT_DIR: 'reports',
        NO_COLOR: '1',
        ...inputs,
      },
      encoding: 'utf8',
      timeout: 180_000,
    });
    const written = Object.fromEntries(
      readFileSync(outputs, 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split(/=(.*)/s).slice(0, 2)),
    );
    return { written, output: `${out.stdout}${out.stderr}`, dir };
  }

  it('an empty base-url (a missing secret) stops the run naming it; a bad yes/no input too', () => {
    const empty = runTheStep({ RUNAI_BASE_URL: '' });
    expect(empty.written.status).toBe('2');
    expect(empty.output).toMatch(/--base-url \(RUNAI_BASE_URL\) is set but empty/);
    const unsure = runTheStep({ RUNAI_READ_ONLY: 'maybe' });
    expect(unsure.written.status).toBe('2');
    expect(unsure.output).toMatch(/RUNAI_READ_ONLY\)? takes true or false/);
  });

  it('read-only: True means read-only, as every other spelling of yes does', () => {
    const { written, output } = runTheStep({ RUNAI_READ_ONLY: 'True' });
    expect(written.status, output.slice(-600)).toBe('0');
    const results = JSON.parse(readFileSync(written.results ?? '', 'utf8'));
    expect(results.profile).toBe('smoke');
    expect(results.provenance.readOnly).toBe(true);
    expect(Object.keys(results.requests.byOperation).sort()).toEqual(['count_users', 'get_user_by_id', 'get_users']);
  });

  it('its run step, as GitHub runs it: status 0 and report paths against the embedded reference', () => {
    const { written, output } = runTheStep({ RUNAI_PROFILE: 'smoke', CERTIFY: 'bundle' });
    expect(output).toMatch(/^runai-conformance: testing the embedded reference/m);
    expect(written.status).toBe('0');
    expect(existsSync(written.results)).toBe(true);
    expect(existsSync(written.junit)).toBe(true);
    expect(existsSync(join(written.bundle, 'MANIFEST.sha256'))).toBe(true);
  });
});
