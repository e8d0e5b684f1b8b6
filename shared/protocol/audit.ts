// The audit trail as GET /api/v1/audit answers it (newest first).
export const AUDIT_ACTIONS = [
  'sign-in',
  'sign-out',
  'step',
  'claim',
  'release',
  'wall-scene',
  'wall-playlist',
  'alert-target',
  'alert-message',
  'view-victims',
  'account-add',
  'account-password',
  'account-disable',
  'account-enable',
  'account-name',
  'device-token',
  'export',
  'start',
  'audit-prune',
  'restore',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditView {
  readonly seq: number;
  /** ISO 8601 with the configured zone's offset. */
  readonly at: string;
  /** The account's username, or for a shared token `token:<role>`, or the name a failed sign-in tried. */
  readonly actor: string;
  readonly role: string;
  readonly scope: string;
  readonly action: AuditAction;
  /** What the action was about: a warning id, a list's scope; empty when nothing. */
  readonly object: string;
  /** `ok`, an HTTP status, or why a sign-in failed. */
  readonly result: string;
  readonly address: string;
}
