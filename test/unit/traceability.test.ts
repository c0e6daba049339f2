import { describe, expect, it } from 'vitest';
import { faults } from '../../reference/faults.ts';
import { expandRequirement } from '../../reporters/traceability-doc.ts';
import { externalCatalogues } from '../../src/catalogue/external.ts';

const items = externalCatalogues.flatMap((c) => c.items.map((i) => ({ ...i, catalogue: c.name })));
const byId = new Map<string, { caughtBy: string[] }>(faults.map((f) => [f.id, f]));

describe('the published catalogues, traced', () => {
  it('names only requirements of the catalogue and faults of the reference', () => {
    const unknownRequirements = items.flatMap((i) => i.requirements.filter((r) => expandRequirement(r).length === 0));
    const unknownFaults = items.flatMap((i) => i.faults.filter((f) => !byId.has(f)));
    expect({ unknownRequirements, unknownFaults }).toEqual({ unknownRequirements: [], unknownFaults: [] });
  });

  it("every fault it names is caught by one of the item's own requirements", () => {
    const strays = items.flatMap((i) => {
      const checked = new Set(i.requirements.flatMap(expandRequirement));
      return i.faults.filter((f) => !byId.get(f)?.caughtBy.some((r) => checked.has(r))).map((f) => `${i.id}: ${f}`);
    });
    expect(strays).toEqual([]);
  });

  it('a checked item has checks and a fault, a partly one says what is left, one not applicable says why', () => {
    const bad = items.filter(
      (i) =>
        (i.status === 'checked' && (i.requirements.length === 0 || i.faults.length === 0) && !i.note) ||
        (i.status === 'partly' && !i.note) ||
        (i.status === 'not-applicable' && (!i.note || i.requirements.length > 0)),
    );
    expect(bad.map((i) => `${i.catalogue} ${i.id}`)).toEqual([]);
    expect(new Set(items.map((i) => `${i.catalogue} ${i.id}`)).size).toBe(items.length);
  });
});
