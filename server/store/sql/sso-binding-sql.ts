// Single sign-on bindings in either engine (accounts/sso-binding.ts has the rule).

/** The statements in either engine's placeholders: `placeholder(n)` is the n-th parameter. */
export function ssoBindingStatements(placeholder: (n: number) => string) {
  const [a, b, c] = [1, 2, 3].map(placeholder);
  return {
    /** username */
    of: `SELECT issuer, subject FROM sso_bindings WHERE username = ${a}`,
    /** issuer, subject */
    usernameOf: `SELECT username FROM sso_bindings WHERE issuer = ${a} AND subject = ${b}`,
    /** username, issuer, subject */
    bind: `INSERT INTO sso_bindings (username, issuer, subject) VALUES (${a}, ${b}, ${c})`,
  };
}
