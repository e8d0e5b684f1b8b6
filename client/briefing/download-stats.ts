// The briefing's 导出Excel / 导出CSV: the server builds the file (GET /api/v1/stats.xlsx|csv,
// audited there); the page fetches it with its own token or session and saves it under the
// name the server gives.
import { authHeaders, scopedPath, type PageAccess } from '../stream/page-access';

export async function downloadStats(access: PageAccess, format: 'xlsx' | 'csv', period: { from: string; to: string }): Promise<void> {
  const response = await fetch(scopedPath(`/api/v1/stats.${format}?from=${period.from}&to=${period.to}`, access), { headers: authHeaders(access) });
  if (!response.ok) throw new Error(`导出失败（${response.status}）`);
  const named = /filename\*=UTF-8''([^;]+)/.exec(response.headers.get('content-disposition') ?? '')?.[1];
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = named ? decodeURIComponent(named) : `反诈统计_${period.from}_${period.to}.${format}`;
    link.click();
  } finally {
    // The click has handed the file to the browser's download.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
