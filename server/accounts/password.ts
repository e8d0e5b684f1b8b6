// Passwords are kept only as Argon2id hashes, at OWASP's recommended parameters (Password
// Storage Cheat Sheet: 19 MiB of memory, 2 iterations, 1 lane), each with its own salt.
import argon2 from 'argon2';

const OWASP = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OWASP);
}

/** Whether `password` is the one `hash` was made from; a malformed hash matches nothing. */
export async function passwordMatches(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
