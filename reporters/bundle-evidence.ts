/**
 * What a bundle's evidence says on its own: every recorded exchange judged again against the
 * spec (status documented, a 204 without body, a JSON content type, and the findings the client
 * drew when it still had the whole body), held to the outcomes results.json records. A broken
 * MUST that an exchange shows and the results call anything but a failure is a bundle whose
 * documents disagree: it does not verify, whoever signed it.
 */
import { requirementsById } from '../src/catalogue/requirements.ts';
import { envelopeFindings } from '../src/client/response-conformance.ts';
import type { Finding } from '../src/model/finding.ts';
import { operation } from '../src/spec/openapi.ts';
import type { RunResults } from './outcomes.ts';

/** One line of exchanges.ndjson, as far as the re-check reads it. */
interface LoggedExchange {
  id?: string;
  operationId?: string;
  status?: number;
  contentType?: string;
  responseText?: string;
  responseHeaders?: Record<string, string>;
  /** Absent in bundles of older runs: then judged, as every answer of the API was. */
  judged?: boolean;
  bytes?: number;
  findings?: Finding[];
}

/** Problems shown in full; the rest are counted. */
const SHOWN = 10;

function parseLines(text: string, problems: string[]): LoggedExchange[] {
  return text.split('\n').flatMap((line, i) => {
    if (!line.trim()) return [];
    try {
      return [JSON.parse(line) as LoggedExchange];
    } catch {
      problems.push(`exchanges.ndjson line ${i + 1} is not JSON`);
      return [];
    }
  });
}

function knownOperation(id: string | undefined): boolean {
  try {
    return id !== undefined && operation(id) !== undefined;
  } catch {
    return false;
  }
}

/** The MUST findings an exchange shows: recomputed from its status line, and as the client recorded them. */
function brokenMusts(ex: LoggedExchange): Pick<Finding, 'requirement' | 'message'>[] {
  if (ex.judged === false || typeof ex.status !== 'number' || !ex.operationId) return [];
  const recomputed = envelopeFindings(ex.operationId, {
    status: ex.status,
    contentType: ex.contentType ?? '',
    headers: ex.responseHeaders,
    bodyBytes: ex.bytes ?? ex.responseText?.length ?? 0,
  });
  return [...recomputed, ...(ex.findings ?? [])].filter((f) => requirementsById.get(f.requirement)?.level === 'MUST');
}

export function evidenceProblems(exchangesText: string, results: RunResults): string[] {
  const problems: string[] = [];
  const exchanges = parseLines(exchangesText, problems);
  const outcome = new Map(results.requirements.map((r) => [r.id, r.outcome]));
  // A requirement the run was told to skip is not run, whatever its exchanges show.
  const skipped = new Set(results.policy?.skip ?? []);
  const shown = new Set<string>();
  let unnamed = 0;
  for (const ex of exchanges) {
    if (!knownOperation(ex.operationId)) {
      problems.push(`exchange ${ex.id ?? '?'} names no operation of the spec (${ex.operationId ?? 'none'})`);
      continue;
    }
    for (const f of brokenMusts(ex)) {
      const recorded = outcome.get(f.requirement);
      if (recorded === 'fail' || skipped.has(f.requirement) || shown.has(f.requirement)) continue;
      shown.add(f.requirement);
      if (shown.size > SHOWN) unnamed++;
      else
        problems.push(
          `exchange ${ex.id ?? '?'} shows ${f.requirement} broken (${f.message.split('\n')[0]?.slice(0, 160)}), ` +
            `but results.json records ${recorded ?? 'nothing'}`,
        );
    }
  }
  if (unnamed) problems.push(`and ${unnamed} more requirement(s) broken in the exchanges but not in results.json`);
  return problems;
}
