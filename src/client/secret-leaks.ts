/**
 * Does a response carry a secret the run knows (token, client secret, password) anywhere
 * but in a property the spec documents for it (tempPassword of create and reset)? Pure:
 * the known secrets are passed in.
 */

import type { Finding } from '../model/finding.ts';
import { operation, schemaAt } from '../spec/openapi.ts';
import { parseLenient } from './response-conformance.ts';
import { isSecretKey } from './secrets.ts';

/** Secret-named properties the response schema documents for this status. */
function documentedSecretFields(operationId: string, status: number): string[] {
  const pointer = operation(operationId).responses[String(status)]?.schemaPointer;
  if (!pointer) return [];
  return Object.keys(schemaAt(pointer).properties ?? {}).filter(isSecretKey);
}

/** Property names that only secrets bear: passwords and their hashes, tokens, secrets. */
const SECRET_NAMED = /pass(word|wd)?|secret|hash|token|salt/i;

/** The first property, at any depth, whose name says it holds a secret. */
function secretNamedProperty(parsed: ReturnType<typeof parseLenient>, allowed: string[]): string | undefined {
  if (!parsed.ok) return undefined;
  const stack: unknown[] = [parsed.value];
  while (stack.length) {
    const v = stack.pop();
    if (!v || typeof v !== 'object') continue;
    for (const [k, child] of Object.entries(v)) {
      if (!Array.isArray(v) && SECRET_NAMED.test(k) && !(v === parsed.value && allowed.includes(k))) return k;
      stack.push(child);
    }
  }
  return undefined;
}

export function leakFindings(
  operationId: string,
  status: number,
  text: string,
  headers: Record<string, string>,
  secrets: Iterable<string>,
): Omit<Finding, 'exchangeId'>[] {
  let searchable = text;
  const allowed = documentedSecretFields(operationId, status);
  if (allowed.length) {
    const parsed = parseLenient(text);
    if (parsed.ok && parsed.value && typeof parsed.value === 'object' && !Array.isArray(parsed.value)) {
      const rest = { ...(parsed.value as Record<string, unknown>) };
      for (const key of allowed) delete rest[key];
      searchable = JSON.stringify(rest);
    }
  }
  // A secret the run never saw (a password's hash, another user's token) shows by its name instead.
  const named = text.includes('"') ? secretNamedProperty(parseLenient(text), allowed) : undefined;
  if (named)
    return [
      {
        code: 'secret-leaked',
        requirement: 'common/security/no-secret-leak',
        message: `the ${status} response carries a property named ${named}, which the spec documents nowhere`,
      },
    ];
  const headerText = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
  for (const secret of secrets) {
    const where = searchable.includes(secret) ? 'body' : headerText.includes(secret) ? 'headers' : undefined;
    if (where) {
      return [
        {
          code: 'secret-leaked',
          requirement: 'common/security/no-secret-leak',
          message:
            `the ${status} response ${where} carry a secret the run knows (shown ` +
            `redacted)${allowed.length ? ` outside ${allowed.join(', ')}` : ''}`,
        },
      ];
    }
  }
  return [];
}

/**
 * An answer that hands out a secret where the spec documents one (a temporary password) tells
 * every cache not to store it: Cache-Control: no-store (ASVS 8.2.1; RFC 6749 5.1 asks as much of
 * an answer with tokens). A SHOULD: the contract is silent on Cache-Control.
 */
export function secretCachingFindings(
  operationId: string,
  status: number,
  text: string,
  headers: Record<string, string>,
): Omit<Finding, 'exchangeId'>[] {
  const fields = documentedSecretFields(operationId, status);
  if (!fields.length || status >= 300) return [];
  const parsed = parseLenient(text);
  const body = parsed.ok && parsed.value && typeof parsed.value === 'object' ? parsed.value : {};
  const handed = fields.filter((k) => typeof (body as Record<string, unknown>)[k] === 'string');
  const directives = (headers['cache-control'] ?? '').split(',').map((d) => d.trim().toLowerCase());
  if (!handed.length || directives.includes('no-store')) return [];
  return [
    {
      code: 'secret-cacheable',
      requirement: 'common/http/secret-answer-no-store',
      message: `the ${status} answer hands out ${handed.join(', ')}; Cache-Control: ${
        headers['cache-control'] ?? '(none)'
      }`,
    },
  ];
}
