/**
 * vitest global setup: resolves the target once for all workers. Without RUNAI_BASE_URL it
 * starts the embedded reference in this process; afterwards it deletes every user the run
 * created (by name, so a crashed worker leaves nothing behind) and stops the reference.
 */
import type { TestProject } from 'vitest/node';
import { parseFaults } from '../../reference/faults.ts';
import { type RunningReference, startReference } from '../../reference/reference-server.ts';
import { parseVariants } from '../../reference/variants.ts';
import { registerSecret } from '../client/secrets.ts';
import { loadConfig } from '../config/run-config.ts';
import { newRunId, runPrefix } from '../model/run-naming.ts';
import { readRunLog, writeLeftovers } from './created-users.ts';
import { sweepRun } from './sweep-users.ts';
import { createClient, type Target, targetFromConfig } from './target.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    target: Target;
  }
}

export default async function setup(project: TestProject) {
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
    });
    target = {
      ...targetFromConfig(config, runId, reference.url),
      token: reference.admin.token,
      viewerToken: reference.viewer.token,
      // The embedded reference declares what it offers, unless the run names capabilities itself.
      capabilities: config.capabilities ? config.capabilities.split(',') : reference.capabilities,
    };
    registerSecret(reference.admin.token);
    registerSecret(reference.viewer.token);
  }
  project.provide('target', target);

  return async () => {
    // The workers are done: the teardown has the whole in-flight budget to itself.
    const client = createClient({ ...target, workers: 1 });
    try {
      const swept = await sweepRun(client, runPrefix(runId), readRunLog(target.reportDir));
      writeLeftovers(target.reportDir, swept.leftovers);
      if (swept.listError) console.error(`cleanup: could not list the run's users (${swept.listError}); deleted by id`);
      for (const l of swept.leftovers) console.error(`cleanup: could not delete ${l.username} (${l.id}): ${l.reason}`);
    } catch (error) {
      console.error(`cleanup failed: ${(error as Error).message}`);
    } finally {
      await client.close();
      await reference?.close();
    }
  };
}
