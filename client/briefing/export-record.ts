// Tells the server a page exported figures (the briefing as a PNG, the printable report), for
// the audit trail. The export itself never waits on it, nor fails with it.
import { currentSession } from '../account/account-session';
import { authHeaders, scopedPath, type PageAccess } from '../stream/page-access';

export async function recordExport(access: PageAccess, kind: 'briefing-png' | 'report', period: { from: string; to: string }): Promise<void> {
  const post = (csrf?: string) =>
    fetch(scopedPath('/api/v1/exports', access), {
      method: 'POST',
      headers: { ...authHeaders(access), 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
      body: JSON.stringify({ kind, from: period.from, to: period.to }),
    });
  try {
    // A kiosk's token or an open page needs nothing more; a signed-in page's POST must carry the
    // session's CSRF token, asked for only then (asking an open page would log a 401).
    const answer = await post();
    if (answer.status !== 403) return;
    const session = await currentSession();
    if (session) await post(session.csrfToken);
  } catch {
    // The record is lost with the connection; the export is not.
  }
}
