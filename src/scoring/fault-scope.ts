/**
 * Which suite files can catch a fault: those whose tests declare one of its requirements,
 * or, for a requirement the client checks on every exchange, those that exercise its
 * operation. Learned from a clean run, so a fault run executes only what matters to it.
 */

import type { RunResults } from '../../reporters/outcomes.ts';
import { operationOf, requirement } from '../catalogue/requirements.ts';

export function filesThatCatch(clean: RunResults, ids: readonly string[]): string[] | undefined {
  const files = new Set<string>();
  for (const t of clean.tests) {
    const declared = t.meta?.requirements ?? [];
    if (declared.some((id) => ids.includes(id))) files.add(t.file);
  }
  for (const id of ids) {
    if (requirement(id).checkedBy !== 'client') continue;
    const op = operationOf(id);
    if (op === 'common' && files.size === 0) return undefined;
    for (const t of clean.tests) if (t.meta?.requirements.some((r) => operationOf(r) === op)) files.add(t.file);
  }
  return [...files];
}
