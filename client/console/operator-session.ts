// The operator's token and name live for the browser session only (sessionStorage): closing
// the tab signs out, and nothing is left on a shared desk PC.
const TOKEN_KEY = 'fraudwall.operatorToken';
const NAME_KEY = 'fraudwall.operatorName';

export const operatorSession = {
  token: (): string | undefined => sessionStorage.getItem(TOKEN_KEY) ?? undefined,
  name: (): string => sessionStorage.getItem(NAME_KEY) ?? '',
  signIn(token: string, name: string): void {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(NAME_KEY, name);
  },
  signOut(): void {
    sessionStorage.removeItem(TOKEN_KEY);
  },
};
