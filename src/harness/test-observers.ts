/**
 * Hooks a reporter can register to hear about each check as it runs (Allure labels and
 * steps do), so that the harness never imports a reporter. Observers never change results.
 */
import type { Recorder } from './recorder.ts';

export interface CheckObserver {
  /** The test starts: the requirements it checks and the profile it needs. */
  started?(requirements: string[], profile: string): Promise<void>;
  /** The test body ended (passed or not): everything it recorded. */
  ended?(recorder: Recorder): Promise<void>;
}

// By name: setup files run again for every test file, and modules are shared within a worker.
const observers = new Map<string, CheckObserver>();

export function observeChecks(name: string, observer: CheckObserver): void {
  observers.set(name, observer);
}

async function quietly(fn: () => Promise<void> | undefined): Promise<void> {
  try {
    await fn();
  } catch {
    // A view of the results; losing it must not change them.
  }
}

export async function notifyStarted(requirements: string[], profile: string): Promise<void> {
  for (const o of observers.values()) await quietly(() => o.started?.(requirements, profile));
}

export async function notifyEnded(recorder: Recorder): Promise<void> {
  for (const o of observers.values()) await quietly(() => o.ended?.(recorder));
}
