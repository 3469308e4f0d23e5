/*
 * Validation messages in the admin's words, for every shared schema on both sides: zod's defaults
 * ("Too big: expected string to have <=80 characters") reached the screen (issue #16, item 7).
 * The server passes this map to each parse (main/http/admin/io.ts); the GUI sets it globally
 * (renderer/src/zod-config.ts). A message a schema gives itself still wins.
 */

/** The parts of a zod issue the wording depends on (zod 4's raw issue, loosely typed). */
interface RawIssue {
  readonly code?: string;
  readonly origin?: string;
  readonly minimum?: unknown;
  readonly maximum?: unknown;
  readonly expected?: string;
  readonly format?: string;
  readonly values?: ReadonlyArray<unknown>;
  readonly input?: unknown;
}

const n = (v: unknown): string => (typeof v === 'number' || typeof v === 'bigint' ? Number(v).toLocaleString('en-US') : String(v));

function sizeMessage(issue: RawIssue, isMin: boolean): string | undefined {
  const bound = isMin ? issue.minimum : issue.maximum;
  if (issue.origin === 'string') {
    if (isMin && Number(bound) === 1) return 'Enter a value.';
    return isMin ? `Use at least ${n(bound)} characters.` : `Use at most ${n(bound)} characters.`;
  }
  if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') return isMin ? `Enter ${n(bound)} or more.` : `Enter ${n(bound)} or less.`;
  if (issue.origin === 'array' || issue.origin === 'set') return isMin ? `Add at least ${n(bound)}.` : `Keep it to ${n(bound)} at most.`;
  return undefined;
}

const FORMATS: Readonly<Record<string, string>> = {
  url: 'Enter a full web address, for example https://scim.example.com.',
  email: 'Enter an email address, for example ann@example.com.',
  datetime: 'Enter a date and time.',
  regex: 'This value does not have the expected form.',
};

/** A zod error map: the message for an issue, or undefined to keep zod's (or the schema's) own. */
export function plainZodMessage(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'too_small':
      return sizeMessage(issue, true);
    case 'too_big':
      return sizeMessage(issue, false);
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return 'This is required.';
      if (issue.expected === 'number' || issue.expected === 'int') return 'Enter a whole number.';
      if (issue.expected === 'boolean') return 'Choose yes or no.';
      return 'This value has the wrong type.';
    case 'invalid_format':
      return FORMATS[issue.format ?? ''];
    case 'invalid_value':
      return issue.values && issue.values.length > 0 && issue.values.length <= 6 ? `Choose one of: ${issue.values.map(String).join(', ')}.` : 'Choose one of the offered values.';
    case 'not_multiple_of':
      return 'Enter a whole number.';
    case 'unrecognized_keys':
      return 'The request has fields SCIM Desk does not know.';
    default:
      return undefined;
  }
}

/** `schema.safeParse(value, { error: plainZodError })` */
export const plainZodError = (issue: RawIssue): string | undefined => plainZodMessage(issue);
