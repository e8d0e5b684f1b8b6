// A device's token (a wall or kiosk, issue 14): long-lived, shown once when it is issued, kept
// only as its SHA-256 — a 256-bit random secret needs no slow hash, and a wall's reconnect must
// not cost a password check. The prefix tells it from the environment's shared tokens at a glance.
import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'fwd_';

export function newDeviceToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function deviceTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function looksLikeDeviceToken(token: string): boolean {
  return token.startsWith(PREFIX) && token.length <= 64;
}
