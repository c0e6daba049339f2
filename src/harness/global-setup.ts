/**
 * vitest global setup: resolves the target once for all workers. Without RUNAI_BASE_URL it
 * starts the embedded reference in this process; afterwards it deletes every user the run
 * created (by name, so a crashed worker leaves nothing behind) and stops the reference.
 */
import type { TestProject } from 'vitest/node';
import { parseFaults } from '../../reference/faults.ts';
import { type RunningReference, startReference } from '../../reference/reference-server.ts';
import type { UserStore } from '../../reference/user-store.ts';
import { parseVariants } from '../../reference/variants.ts';
import { registerSecret } from '../client/secrets.ts';
import { loadConfig } from '../config/run-config.ts';
import { newRunId, runPrefix } from '../model/run-naming.ts';
import { REFERENCE_HANDLE, startAttribution, traceRequests } from '../mutation/coverage.ts';
import { tracing } from '../mutation/trace.ts';
import { wireLayer, wireMutation } from '../mutation/wire/layer.ts';
import { readRunLog, writeLeftovers } from './created-users.ts';
import { readFailures, targetStopped } from './failed-requests.ts';
import { sweepRun } from './sweep-users.ts';
import { createClient, type Target, targetFromConfig } from './target.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    target: Target;
  }
}

/** A mutation run's handler: traced to the sending test, and in a wire mutation run behind the mutating layer. */
const traced = (handle: Parameters<typeof traceRequests>[0], store: UserStore) =>
  traceRequests(wireMutation() ? wireLayer(store)(handle) : handle);

export default async function setup(project: TestProject) {
  if (tracing()) startAttribution();
  const config = loadConfig(process.env);
  const runId = process.env.RUNAI_RUN_ID ?? newRunId();
  let reference: RunningReference | undefined;
  let target: Target;
  if (config.baseUrl) {
    target = targetFromConfig(config, runId);
  } else {
    reference = await startReference({
      faults: parseFaults(config.referenceFaults),
      variants: parseVariants(config.referenceVariants),
      seedUsers: config.referenceUsers,
      latencyMs: config.referenceLatencyMs,
      ...(tracing() ? { wrapHandler: traced } : {}),
    });
    target = {
      ...targetFromConfig(config, runId, reference.url),
      token: reference.admin.token,
      viewerToken: reference.viewer.token,
      // Held as a remote run's would be, for the checks of the token endpoint; the token is what authenticates.
      clientId: reference.admin.clientId,
      clientSecret: reference.admin.clientSecret,
      // The embedded reference declares what it offers, unless the run names capabilities itself.
      capabilities: config.capabilities ? config.capabilities.split(',') : reference.capabilities,
    };
    // A mutation session restores the reference's store before each mutant.
    if (tracing()) Object.assign(globalThis, { [REFERENCE_HANDLE]: reference });
    registerSecret(reference.admin.token);
    registerSecret(reference.viewer.token);
    registerSecret(reference.admin.clientSecret);
  }
  project.provide('target', target);

  return async () => {
    // The workers are done: the teardown has the whole in-flight budget to itself. Against a target
    // that stopped answering it tries each request once, within a short deadline: the run ends soon.
    const stopped = targetStopped(readFailures(target.reportDir)) !== undefined;
    const client = createClient({ ...target, workers: 1, ...(stopped ? { maxAttempts: 1 } : {}) });
    try {
      const log = readRunLog(target.reportDir);
      const swept = await sweepRun(client, runPrefix(runId), log, stopped ? 15_000 : undefined);
      writeLeftovers(target.reportDir, swept.leftovers);
      if (swept.listError) console.error(`cleanup: could not list the run's users (${swept.listError}); deleted by id`);
      // Each one is named in the summary and leftovers.json; here only how many.
      if (swept.leftovers.length) console.error(`cleanup: ${swept.leftovers.length} user(s) could not be deleted`);
    } catch (error) {
      console.error(`cleanup failed: ${(error as Error).message}`);
    } finally {
      await client.close();
      await reference?.close();
    }
  };
}
