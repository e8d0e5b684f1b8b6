// What claiming an escalation asks of the store (issue 25): the claim or release decided and
// stored under the write lock, like a step (claim.ts decides it), so that two operators on any
// nodes cannot both hold the same escalation.
export type ClaimAction = 'claim' | 'release';

export type ClaimAnswer =
  /** 201: newly claimed; 200: released, or already held by the asker. */
  | { readonly status: 200 | 201; readonly holder: string | null }
  | { readonly status: 403 | 404 | 409; readonly error: string; readonly holder?: string };

export interface ClaimApi {
  /** `by`: the signed-in operator's username; `within`: their scope's counties, or null for the whole region. */
  recordClaim(warningId: string, action: ClaimAction, by: string, nowMs: number, within: readonly string[] | null): Promise<ClaimAnswer>;
}
