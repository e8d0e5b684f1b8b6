// Whether an event re-sent under a stored id is the stored one (issue 22): compared field by
// field, with times compared as instants — `…T01:30:00Z` and `…T09:30:00+08:00` are one time,
// however the sender writes it — so a sender that switches offsets resends duplicates, not
// conflicts. A real conflict names the fields that differ, so the sender can see what changed.
import type { StoredEvent } from '../../shared/schema/claim-event';
import { withVictimErased } from '../retention/erase-victim';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

const sameInstant = (a: string, b: string) => RFC3339.test(a) && RFC3339.test(b) && Date.parse(a) === Date.parse(b);

/** The dotted paths at which two JSON values differ (objects key by key, times as instants). */
function differences(stored: unknown, sent: unknown, path: string, into: string[]): void {
  if (typeof stored === 'string' && typeof sent === 'string' && (stored === sent || sameInstant(stored, sent))) return;
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (isObject(stored) && isObject(sent)) {
    for (const key of new Set([...Object.keys(stored), ...Object.keys(sent)])) differences(stored[key], sent[key], path === '' ? key : `${path}.${key}`, into);
    return;
  }
  if (JSON.stringify(stored) !== JSON.stringify(sent)) into.push(path);
}

/**
 * The fields in which `sent` differs from the event stored under its id (its canonical body);
 * none when it is the same event. A warning whose victim was erased after the retention is
 * still the one stored when it is the same once its own victim is erased.
 */
export function fieldsDiffering(storedBody: string, sent: StoredEvent): string[] {
  const stored: unknown = JSON.parse(storedBody);
  const asSent: string[] = [];
  differences(stored, sent, '', asSent);
  if (asSent.length === 0) return asSent;
  const asErased: string[] = [];
  differences(stored, withVictimErased(sent), '', asErased);
  return asErased.length === 0 ? asErased : asSent;
}

/** The contract's words first, as clients match them; then one error per field that differs. */
export const ID_CONFLICT = 'id already used with different content';
export const idConflictErrors = (fields: readonly string[]) => [ID_CONFLICT, ...fields.map((field) => `${field}: differs from the event stored under this id`)];
