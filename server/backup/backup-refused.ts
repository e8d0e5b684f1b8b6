// A backup or restore that must not go on, with the reason the operator reads: the command-line
// tools print it and exit 2, leaving nothing half-written behind.
export class BackupRefused extends Error {
  override readonly name = 'BackupRefused';
}
