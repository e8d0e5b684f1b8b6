// ingest → store: the single path every event takes, whether an upstream system posted it, an
// operator recorded it or the simulator made it up. The store's thread validates and commits,
// and hands the committed change to the live state (store.follow) before the answer comes back.
import type { ClaimAction, ClaimAnswer, ClaimApi, IngestAnswer, IngestApi, IngestCounts, IngestInput, StepAnswer, StepApi } from './ingest-api';

export interface IngestPipelineOptions {
  readonly store: IngestApi & StepApi & ClaimApi;
  readonly now: () => number;
  /** Told after every committed batch (metrics). */
  readonly onCommitted?: (counts: IngestCounts) => void;
}

export class IngestPipeline {
  constructor(private readonly options: IngestPipelineOptions) {}

  /** Resolves once the batch is committed (or refused as a whole); rejects, having stored nothing, if the store fails. */
  async ingest(input: IngestInput): Promise<IngestAnswer> {
    const answer = await this.options.store.ingest(input, this.options.now());
    if (answer.ok) this.options.onCommitted?.(answer.counts);
    return answer;
  }

  /** Events made in-process (the simulator), through the same path. */
  async ingestEvents(events: readonly unknown[]): Promise<IngestCounts> {
    const answer = await this.ingest({ kind: 'events', events });
    if (!answer.ok) throw new Error(answer.error);
    return answer.counts;
  }

  /** An operator's step: checked and stored on the store's thread, then shown like any event. */
  async recordStep(warningId: string, body: unknown, within: readonly string[] | null, actor?: string): Promise<StepAnswer> {
    const answer = await this.options.store.recordStep(warningId, body, this.options.now(), within, actor);
    if (answer.status === 201) this.options.onCommitted?.({ accepted: 1, duplicates: 0, rejected: 0 });
    return answer;
  }

  /** An operator's claim or release: checked and stored on the store's thread, under the write lock like a step. */
  recordClaim(warningId: string, action: ClaimAction, by: string, within: readonly string[] | null): Promise<ClaimAnswer> {
    return this.options.store.recordClaim(warningId, action, by, this.options.now(), within);
  }
}
