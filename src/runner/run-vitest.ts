/**
 * Runs the conformance suites through vitest's Node API, in this process (where the global
 * setup starts the embedded reference). Ctrl-C or SIGTERM cancels the tests but still lets
 * the global teardown delete every user the run created; a second signal abandons that.
 */
import { join } from 'node:path';

/**
 * A recorded test name (`describe > test`) as the pattern vitest matches (the names joined by a
 * space), taken literally: titles hold brackets and parentheses.
 */
export const literalPattern = (name: string) =>
  name
    .split(' > ')
    .join(' ')
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function runVitest(
  root: string,
  only?: string,
  testNames: string[] = [],
  /** Says what an abandoned run leaves, before the process ends on a second signal. */
  onAbandon: () => void = () => {},
): Promise<{ interrupted: boolean }> {
  const { createVitest } = await import('vitest/node');
  const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  const vitest = await createVitest('test', {
    config: join(root, 'vitest.config.ts'),
    root,
    watch: false,
    run: true,
    ...(testNames.length ? { testNamePattern: testNames.map(literalPattern).join('|') } : {}),
  });
  // vitest's logger exits the process on a signal, before the teardown could clean up: take its handlers off.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal))
      if (!before[signal].includes(listener)) process.off(signal, listener);
  }
  let interrupted = false;
  const stop = () => {
    if (interrupted) {
      onAbandon();
      process.exit(2);
    }
    interrupted = true;
    console.error('\ninterrupted: cancelling the run and deleting the users it created (signal again to abandon)');
    void vitest.cancelCurrentRun('keyboard-input');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    // only: comma-separated parts of suite file paths (e.g. create_user,lifecycle).
    await vitest.start(
      only
        ? only
            .split(',')
            .map((f) => f.trim())
            .filter(Boolean)
        : undefined,
    );
  } finally {
    await vitest.close();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  return { interrupted };
}
