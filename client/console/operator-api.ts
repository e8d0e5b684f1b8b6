// The console's calls to the operator endpoints, as the signed-in account (its session cookie),
// every change with the session's CSRF token.
import { apiCall, type Answer } from '../account/api-call';
import { scopedPath, type PageAccess } from '../stream/page-access';
import type { FraudEvent } from '../../shared/schema/events';
import type { OperatorEscalation } from '../../shared/protocol/operator-view';
import type { RejectedEvent } from '../../shared/protocol/rejected';
import type { WallListing } from '../../shared/protocol/wall-health';
import type { EscalationOutcome, EscalationStep } from '../../shared/vocabulary';

export interface StepRequest {
  step: EscalationStep;
  station?: string;
  grid?: string;
  outcome?: EscalationOutcome;
  note?: string;
}

/** What a claim or release answers: who holds the escalation now. */
export interface ClaimAnswer {
  warningId: string;
  holder: { username: string; name: string } | null;
}

export class OperatorApi {
  /** A county's station suggestions, asked for once a session (at most one per county). */
  readonly #stations = new Map<string, Promise<Answer<string[]>>>();

  constructor(
    /** The session's CSRF token, sent with every change. */
    private readonly csrfToken: string,
    /** The console's scope (`/console?scope=`); none: the account's own. */
    private readonly scope?: string,
  ) {}

  escalations(): Promise<Answer<OperatorEscalation[]>> {
    return this.#call(scopedPath('/api/v1/escalations', this.#access()));
  }

  stations(county: string): Promise<Answer<string[]>> {
    let answer = this.#stations.get(county);
    if (!answer) {
      answer = this.#call<string[]>(`/api/v1/stations?county=${encodeURIComponent(county)}`);
      this.#stations.set(county, answer);
      // A failed answer is asked again next time.
      void answer.then((a) => a.ok || this.#stations.delete(county));
    }
    return answer;
  }

  walls(): Promise<Answer<WallListing[]>> {
    return this.#call(scopedPath('/api/v1/walls', this.#access()));
  }

  rejected(limit = 200): Promise<Answer<RejectedEvent[]>> {
    return this.#call(scopedPath(`/api/v1/rejected?limit=${limit}`, this.#access()));
  }

  recordStep(warningId: string, request: StepRequest): Promise<Answer<FraudEvent>> {
    return this.#call(`/api/v1/escalations/${encodeURIComponent(warningId)}/steps`, {
      method: 'POST',
      body: JSON.stringify(request),
    });
  }

  /** Says this account is on it (201), or that it already was (200); 409 names who is. */
  claim(warningId: string): Promise<Answer<ClaimAnswer>> {
    return this.#call(`/api/v1/escalations/${encodeURIComponent(warningId)}/claim`, { method: 'POST' });
  }

  release(warningId: string): Promise<Answer<ClaimAnswer>> {
    return this.#call(`/api/v1/escalations/${encodeURIComponent(warningId)}/claim`, { method: 'DELETE' });
  }

  #access(): PageAccess {
    return this.scope ? { scope: this.scope } : {};
  }

  #call<T>(path: string, init: RequestInit = {}): Promise<Answer<T>> {
    return apiCall<T>(path, this.csrfToken, init);
  }
}
