// Which person at the identity provider an account belongs to (issue 22): the provider's
// (issuer, subject) pair, never the name it shows (`preferred_username`), which two people can
// share or a provider can reassign. An account made by single sign-on is bound when it is made;
// one made before bindings existed is bound at its next sign-on. Afterwards only that person
// signs it in, and that person signs in no other account.
import type { AccountIdentity } from '../auth/identity';

/** The person the provider vouched for: who they are to it, and what fraudwall makes of them. */
export interface VouchedIdentity extends AccountIdentity {
  /** The ID token's `iss`. */
  readonly issuer: string;
  /** The ID token's `sub`: stable and unique within the issuer. */
  readonly subject: string;
}

export interface SsoBinding {
  readonly issuer: string;
  readonly subject: string;
}

/** The bindings as each engine keeps them. */
export interface SsoBindingTable {
  of(username: string): SsoBinding | undefined | Promise<SsoBinding | undefined>;
  /** The account bound to the provider's person, if any. */
  usernameOf(binding: SsoBinding): string | undefined | Promise<string | undefined>;
  bind(username: string, binding: SsoBinding): void | Promise<void>;
}

/** Why a vouched person may not have the account of that name, or undefined when they may. */
export async function bindingRefusal(table: SsoBindingTable, identity: VouchedIdentity): Promise<string | undefined> {
  const bound = await table.of(identity.username);
  if (bound && (bound.issuer !== identity.issuer || bound.subject !== identity.subject)) {
    return `the account ${identity.username} belongs to another person at the identity provider (subject ${bound.subject}, not ${identity.subject})`;
  }
  const owner = await table.usernameOf(identity);
  if (owner !== undefined && owner !== identity.username) return `this person at the identity provider already has the account ${owner}`;
  return undefined;
}
