/**
 * What each test tells Allure: operation (feature), requirement (story), level (severity),
 * profile (tag), a link to the spec location, one step per exchange, and for findings the
 * redacted exchange and a curl line. A vitest setup file of the conformance run: it
 * registers itself as an observer of every check. Reporting never fails a test.
 */
import * as allure from 'allure-js-commons';
import { operationOf, requirement } from '../src/catalogue/requirements.ts';
import { type Recorder, summarize } from '../src/harness/recorder.ts';
import { observeChecks } from '../src/harness/test-observers.ts';
import { redactForeignText } from '../src/model/foreign-data.ts';
import { apiName } from '../src/spec/openapi.ts';

const SEVERITY = { MUST: 'critical', SHOULD: 'normal', MAY: 'minor' } as const;
const MAX_STEPS = 25;

async function labelTest(ids: string[], profile: string): Promise<void> {
  {
    await allure.epic(apiName);
    for (const id of ids) {
      const r = requirement(id);
      await allure.feature(operationOf(id));
      await allure.story(id);
      const where = r.ref.startsWith('/') ? `spec/openapi.json#${r.ref}` : r.ref;
      await allure.link(where, `${r.level} (${r.source}) ${r.ref}`);
    }
    const levels = ids.map((id) => requirement(id).level);
    await allure.severity(SEVERITY[levels.includes('MUST') ? 'MUST' : levels.includes('SHOULD') ? 'SHOULD' : 'MAY']);
    await allure.tag(profile);
  }
}

/** Path and query as a person reads them: percent-encoding undone where it can be. */
function readablePath(url: string): string {
  const { pathname, search } = new URL(url);
  try {
    return decodeURIComponent(pathname + search);
  } catch {
    return pathname + search;
  }
}

async function reportExchanges(recorder: Recorder): Promise<void> {
  {
    const shown = recorder.exchanges.slice(0, MAX_STEPS);
    for (const ex of shown) {
      await allure.logStep(
        `${ex.request.method} ${readablePath(ex.request.url)} -> ${ex.response.status}`,
        ex.findings.length ? allure.Status.FAILED : allure.Status.PASSED,
      );
    }
    if (recorder.exchanges.length > MAX_STEPS)
      await allure.logStep(`… ${recorder.exchanges.length - MAX_STEPS} more exchanges`);
    for (const f of recorder.findings) {
      const ex = recorder.exchange(f.exchangeId);
      await allure.attachment(`finding ${f.requirement}`, redactForeignText(f.message), 'text/plain');
      if (ex) {
        await allure.attachment(`exchange ${ex.id}`, JSON.stringify(summarize(ex), null, 2), 'application/json');
        await allure.attachment(`curl ${ex.id}`, ex.curl, 'text/plain');
      }
    }
  }
}

observeChecks('allure', { started: labelTest, ended: reportExchanges });
