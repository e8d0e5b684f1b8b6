// What the escalation desk reads from the store: the open list with its histories, read beside
// the writes. (A step is recorded through ingest, like any event: ingest-api.ts.)

import type { JsonText } from '../../shared/protocol/json-text';
import type { OperatorEscalation } from '../../shared/protocol/operator-view';

export interface OperatorReadApi {
  /** `within`: the counties of the asker's scope, or null for the whole region. */
  operatorEscalationsJson(limit: number, within: readonly string[] | null): Promise<JsonText<OperatorEscalation[]>>;
  stations(county: string, limit: number): Promise<string[]>;
}
