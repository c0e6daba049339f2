/**
 * Waivers and skips: known deviations a vendor has agreed to live with for a while, and
 * requirements a run leaves out. A waived requirement is still checked; its failure is
 * reported as waived, with its reason, and the run certifies only "with waivers". A waiver
 * past its expiry date stops the run: it is renewed or the deviation fixed, never forgotten.
 */
import { readFileSync } from 'node:fs';
import { requirement } from '../catalogue/requirements.ts';
import { ConfigError } from './run-config.ts';

export interface Waiver {
  requirement: string;
  reason: string;
  /** YYYY-MM-DD: the last day it holds. */
  expires: string;
}

export interface RunPolicy {
  skip: string[];
  waivers: Waiver[];
}

function known(id: string, where: string): string {
  try {
    requirement(id);
    return id;
  } catch {
    throw new ConfigError(`${where} names no requirement of the catalogue: ${id}`);
  }
}

function readWaivers(path: string, today = new Date()): Waiver[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`RUNAI_WAIVERS: ${path} is not JSON (${(error as Error).message})`);
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { waivers?: unknown })?.waivers;
  if (!Array.isArray(list)) throw new ConfigError(`RUNAI_WAIVERS: ${path} holds no list of waivers`);
  const day = today.toISOString().slice(0, 10);
  return list.map((w: Partial<Waiver>) => {
    const id = known(String(w?.requirement ?? ''), 'RUNAI_WAIVERS');
    if (typeof w.reason !== 'string' || !w.reason.trim()) throw new ConfigError(`RUNAI_WAIVERS: ${id} has no reason`);
    if (typeof w.expires !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(w.expires) || Number.isNaN(Date.parse(w.expires)))
      throw new ConfigError(`RUNAI_WAIVERS: ${id} needs an expiry date (YYYY-MM-DD)`);
    if (w.expires < day)
      throw new ConfigError(
        `RUNAI_WAIVERS: the waiver of ${id} expired on ${w.expires}: fix the deviation or renew it`,
      );
    return { requirement: id, reason: w.reason.trim(), expires: w.expires };
  });
}

export function runPolicy(config: { skip?: string; waivers?: string }, today?: Date): RunPolicy {
  const skip = (config.skip ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((id) => known(id, 'RUNAI_SKIP'));
  return { skip, waivers: config.waivers ? readWaivers(config.waivers, today) : [] };
}
