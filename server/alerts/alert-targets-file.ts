// FRAUDWALL_ALERT_TARGETS_FILE: targets kept with the deployment (a JSON array of the objects
// POST /api/v1/alert-targets takes), read and checked once at start. A bad entry stops the server
// naming it — a robot that silently never receives is worse than a server that will not start.
// Such targets are the file's: /admin shows them and cannot change them.
import { readFileSync } from 'node:fs';
import type { AlertTarget } from '../../shared/protocol/alert-target';
import type { RegionScopes } from '../../shared/region';
import { describeIssues } from '../../shared/schema/validate';
import { MAX_ALERT_TARGETS, newAlertTargetSchema } from './alert-target-request';

export function readAlertTargetsFile(file: string, scopes: RegionScopes): AlertTarget[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read it as JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!Array.isArray(parsed)) throw new Error('must hold a JSON array of targets');
  if (parsed.length > MAX_ALERT_TARGETS) throw new Error(`must hold at most ${MAX_ALERT_TARGETS} targets`);
  const schema = newAlertTargetSchema(scopes);
  const targets: AlertTarget[] = [];
  for (const [i, entry] of parsed.entries()) {
    const named = typeof entry === 'object' && entry !== null && typeof (entry as { name?: unknown }).name === 'string' ? ` ("${(entry as { name: string }).name}")` : '';
    const result = schema.safeParse(entry);
    if (!result.success) throw new Error(`entry ${i + 1}${named}: ${describeIssues(result.error.issues).join('; ')}`);
    if (targets.some((t) => t.name === result.data.name)) throw new Error(`entry ${i + 1}${named}: name: another entry has this name`);
    targets.push(result.data);
  }
  return targets;
}
