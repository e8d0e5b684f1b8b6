import type { JsonText } from '../../shared/protocol/json-text';
import type { RejectedEvent } from '../../shared/protocol/rejected';

// What ingest asks of the store: a batch committed, an operator's step or claim decided and
// stored under the write lock (the same path as any event), and the dead letters read back.
export type IngestInput = (
  | { readonly kind: 'body'; readonly bytes: Uint8Array; readonly contentType: string | undefined }
  | { readonly kind: 'events'; readonly events: readonly unknown[] }
) & {
  /** The sender's scope, when it is bound to one (an upstream key's): none, the whole region. */
  readonly scope?: SenderScope;
  /** The upstream key's account that sent it, whose feed it is (issue 26). */
  readonly sender?: string;
};

/** An upstream key's scope: its adcode, which begins every id it sends, and the counties its events may lie in. */
export interface SenderScope {
  readonly adcode: string;
  readonly counties: readonly string[];
}

export interface IngestCounts {
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
}

export type IngestAnswer =
  | { readonly ok: true; readonly counts: IngestCounts; readonly summaryJson: string }
  | { readonly ok: false; readonly status: 400 | 413 | 415; readonly error: string };

export interface IngestApi {
  /** Parses, validates and commits a request's events (on the store's thread); resolves once committed. */
  ingest(input: IngestInput, nowMs: number): Promise<IngestAnswer>;
}

export interface RejectedApi {
  /** The newest dead letters, encoded; `within`: the counties of the asker's scope, or null for the whole region. */
  rejectedJson(limit: number, within: readonly string[] | null): Promise<JsonText<RejectedEvent[]>>;
}

/** POST …/steps: the status and the JSON body to answer with (contract.md, "Operator actions"). */
export interface StepAnswer {
  readonly status: 201 | 400 | 403 | 404 | 409;
  readonly bodyJson: string;
}

export interface StepApi {
  /**
   * `within`: the counties the operator's scope covers, or null for the whole region. `actor`:
   * the signed-in account that takes the step, which then holds the escalation (claim.ts).
   */
  recordStep(warningId: string, body: unknown, nowMs: number, within: readonly string[] | null, actor?: string): Promise<StepAnswer>;
}

export type ClaimAction = 'claim' | 'release';

/** POST/DELETE …/claim (issue 25): who holds the escalation now, or why not. */
export type ClaimAnswer =
  /** 201: newly claimed; 200: released, or already held by the asker. */
  | { readonly status: 200 | 201; readonly holder: string | null }
  | { readonly status: 403 | 404 | 409; readonly error: string; readonly holder?: string };

export interface ClaimApi {
  /**
   * Decided (shared/aggregate/claim.ts) and stored under the write lock like a step, so that two
   * operators on any nodes cannot both hold one escalation. `by`: the signed-in operator's
   * username; `within`: their scope's counties, or null for the whole region.
   */
  recordClaim(warningId: string, action: ClaimAction, by: string, nowMs: number, within: readonly string[] | null): Promise<ClaimAnswer>;
}
