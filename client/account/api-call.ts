// One call to the API as the signed-in account: its cookie goes along by itself, every change
// carries the session's CSRF token, and the answer comes back as a value or a status and reason.
export type Answer<T> = { ok: true; value: T } | { ok: false; status: number; error: string };

export async function apiCall<T>(path: string, csrfToken: string, init: RequestInit = {}): Promise<Answer<T>> {
  try {
    const response = await fetch(path, {
      ...init,
      headers: { ...init.headers, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), 'x-csrf-token': csrfToken },
    });
    const body: unknown = await response.json().catch(() => ({}));
    if (response.ok) return { ok: true, value: body as T };
    const error = (body as { error?: unknown }).error;
    return { ok: false, status: response.status, error: typeof error === 'string' ? error : `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, status: 0, error: `无法连接服务器：${error instanceof Error ? error.message : String(error)}` };
  }
}
