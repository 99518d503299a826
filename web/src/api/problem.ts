// Turns any failed response into a Problem value the UI can show. The server answers
// errors as application/problem+json with a `detail` already in the user's language;
// anything else (a proxy's HTML page, an empty body) becomes a problem without detail,
// and the UI falls back to its own translated message.
import type { FieldProblem, Problem } from './types';

export const PROBLEM_PREFIX = 'urn:kelisim:problem:';
/** Type used for failures that never reached the server (offline, timeout). */
export const NETWORK_PROBLEM = `${PROBLEM_PREFIX}network`;

export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }
  get status(): number {
    return this.problem.status;
  }
  /** The stable code after urn:kelisim:problem:, or '' for foreign types. */
  get code(): string {
    const type = this.problem.type;
    return type.startsWith(PROBLEM_PREFIX) ? type.slice(PROBLEM_PREFIX.length) : '';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function parseFieldProblems(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  const out: FieldProblem[] = [];
  for (const item of value) {
    if (!isRecord(item)) continue;
    const field = nonEmptyString(item.field);
    const detail = nonEmptyString(item.detail);
    if (!field || !detail) continue;
    const code = nonEmptyString(item.code);
    out.push(code === undefined ? { field, detail } : { field, code, detail });
  }
  return out;
}

/** Builds a Problem from an HTTP status, Content-Type and raw body text. Never throws. */
export function parseProblem(status: number, contentType: string | null, body: string): Problem {
  const fallback: Problem = { type: 'about:blank', title: '', status, errors: [] };
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/problem+json' && type !== 'application/json') return fallback;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return fallback;
  }
  if (!isRecord(json)) return fallback;
  const problem: Problem = {
    type: nonEmptyString(json.type) ?? 'about:blank',
    title: nonEmptyString(json.title) ?? '',
    status: typeof json.status === 'number' ? json.status : status,
    errors: parseFieldProblems(json.errors),
  };
  const detail = nonEmptyString(json.detail);
  if (detail !== undefined) problem.detail = detail;
  return problem;
}

export function networkProblem(): Problem {
  return { type: NETWORK_PROBLEM, title: '', status: 0, errors: [] };
}
