/**
 * Bidirectional control characters (U+202A–U+202E embeddings and overrides, U+2066–U+2069
 * isolates) let a value sent by the IdP reorder what is drawn around it: `‮moc.elpmaxe@nimda`
 * shows as another userName. Every value the IdP controls is shown through {@link safeText}, which
 * replaces them with a visible mark (issue #15, item 8).
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** The replacement: visible, and itself neutral in a bidi run. */
export const BIDI_MARK = '\uFFFD';

export function safeText(value: string): string;
export function safeText(value: string | null | undefined): string | null;
export function safeText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value.replace(BIDI_CONTROLS, BIDI_MARK);
}

/** Whether a value holds bidi control characters (the detail view says so). */
export const hasBidiControls = (value: string | null | undefined): boolean => value !== null && value !== undefined && /[\u202A-\u202E\u2066-\u2069]/.test(value);
