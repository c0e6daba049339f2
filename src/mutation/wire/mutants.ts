/**
 * Every wire mutant: each operator of the registry at each place of the spec it applies to,
 * with a stable id, the coverage key that says which tests can judge it, and, where a rule of
 * the operator says so, why it is equivalent. And a seeded sample, stratified over operators
 * and operations, for runs that cannot afford every mutant.
 */
import { type AnyOperator, operators } from './operators.ts';
import { allPlaces, type Place } from './places.ts';

export interface WireMutant {
  id: string;
  operator: string;
  kind: AnyOperator['kind'];
  operationId: string;
  place: Place;
  /** The operator's argument here (for a status, the status it becomes). */
  arg?: string;
  /** Which requests of the clean run the mutant changes (tests that sent one can judge it). */
  coverage: string;
  equivalent?: string;
}

export function placeName(place: Place): string {
  switch (place.kind) {
    case 'field':
      return `${place.status} body ${place.pointer || '/'}`;
    case 'status':
      return `${place.status}`;
    case 'header':
      return `${place.status} header ${place.header}`;
    case 'input':
      return `${place.in} ${place.name}${place.form ? ` ${place.form.of} ${place.form.value}` : ''}`;
  }
}

export function allMutants(): WireMutant[] {
  const out: WireMutant[] = [];
  for (const place of allPlaces()) {
    for (const operator of operators) {
      const op = operator as AnyOperator & {
        at(p: Place): boolean;
        args?(p: Place): string[];
        equivalent?(p: Place, arg?: string): string | undefined;
        coverage(p: Place): string;
      };
      if (!op.at(place)) continue;
      for (const arg of op.args?.(place) ?? [undefined]) {
        const at = `${place.operationId} ${placeName(place)}${arg ? ` -> ${arg}` : ''}`;
        out.push({
          id: `${operator.id}: ${at}`,
          operator: operator.id,
          kind: operator.kind,
          operationId: place.operationId,
          place,
          arg,
          coverage: op.coverage(place),
          equivalent: op.equivalent?.(place, arg),
        });
      }
    }
  }
  return out;
}

/** A small seeded generator (mulberry32): the same seed draws the same sample. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `size` mutants drawn in turn from each stratum (operator x operation), each stratum shuffled
 * by the seed: every operator and operation is in the sample before any is in it twice.
 */
export function stratifiedSample(mutants: WireMutant[], size: number, seed: number): WireMutant[] {
  const next = random(seed);
  const strata = new Map<string, WireMutant[]>();
  for (const m of mutants) {
    const key = `${m.operator} ${m.operationId}`;
    strata.set(key, [...(strata.get(key) ?? []), m]);
  }
  const queues = [...strata.values()].map((list) => {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as WireMutant, copy[i] as WireMutant];
    }
    return copy;
  });
  const out: WireMutant[] = [];
  while (out.length < size && queues.some((q) => q.length)) {
    // Strata in a seeded order each round, so a cut-off round favours none.
    const round = queues.filter((q) => q.length).sort(() => next() - 0.5);
    for (const q of round) {
      const m = q.shift();
      if (m && out.length < size) out.push(m);
    }
  }
  return out;
}
