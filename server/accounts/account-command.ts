// What an admin may do to accounts — on the /admin page or with `npm run users` — as one command
// each, checked at the edge with errors that name the field.
import { z } from 'zod';
import type { RegionScopes } from '../../shared/region';
import type { AuditAction } from '../../shared/protocol/audit';
import { displayNameSchema, holdsToken, passwordSchema, roleSchema, scopeSchema, usernameSchema, type AccountRole, type AccountView } from './account';

export type AccountCommand =
  /** A person's account needs a password; a device or an upstream source gets a token instead. */
  | { readonly kind: 'add'; readonly username: string; readonly role: AccountRole; readonly scope: string; readonly password?: string; readonly displayName?: string }
  /** The name the room sees; null: none, the username stands for it. */
  | { readonly kind: 'name'; readonly username: string; readonly displayName: string | null }
  | { readonly kind: 'password'; readonly username: string; readonly password: string }
  | { readonly kind: 'disable' | 'enable'; readonly username: string }
  /** A device's or source's new token: the one before stops working. */
  | { readonly kind: 'new-token'; readonly username: string };

export type AccountAnswer =
  /** `token`: a device's or source's new token, shown this once. */
  | { readonly ok: true; readonly account: AccountView; readonly token?: string }
  | { readonly ok: false; readonly status: 400 | 404 | 409; readonly error: string };

/** The body of POST /api/v1/accounts (an `add`). */
export function newAccountSchema(scopes: RegionScopes) {
  return z
    .strictObject({ username: usernameSchema, role: roleSchema, scope: scopeSchema(scopes), password: passwordSchema.optional(), displayName: displayNameSchema.optional() })
    .refine((a) => holdsToken(a.role) === (a.password === undefined), {
      path: ['password'],
      message: 'a person needs a password; a device or a source has a token instead, and no password',
    });
}

/** The body of PATCH /api/v1/accounts/:username: a new password, enabled/disabled, or a display name (null removes it) — one of the three. */
export const accountChangeSchema = z
  .strictObject({
    password: passwordSchema.optional(),
    disabled: z.boolean({ error: 'must be true or false' }).optional(),
    displayName: displayNameSchema.nullable().optional(),
  })
  .refine((change) => [change.password, change.disabled, change.displayName].filter((field) => field !== undefined).length === 1, {
    path: ['password'],
    message: 'send one of a new password, disabled: true|false or displayName',
  });

/** The audit trail's name for a command. */
export function auditAction(command: AccountCommand): AuditAction {
  return command.kind === 'new-token' ? 'device-token' : `account-${command.kind}`;
}

/** Whether a command ends what the account holds open: its sessions, its device's sockets. */
export function endsAccess(command: AccountCommand): boolean {
  return command.kind === 'password' || command.kind === 'disable' || command.kind === 'new-token';
}
