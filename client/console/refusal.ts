// What the desk says when the server refuses an action, in the operators' language; the
// server's own words (English, for integrators) are kept for the log, not shown.

export function explainRefusal(status: number, serverError: string): string {
  switch (status) {
    case 0:
      return '无法连接服务器，请检查网络后重试';
    case 400:
      return '输入有误：派出所、署名不超过 64 字，备注不超过 500 字，且不能含不可见字符';
    case 404:
      return '操作被拒绝：该预警没有处置记录';
    case 409:
      return /already resolved/.test(serverError)
        ? '操作被拒绝：该处置已被其他席位办结，列表已刷新'
        : '操作被拒绝：该处置已被其他席位推进到这一步之后，列表已刷新';
    case 413:
      return '操作被拒绝：内容过长';
    case 429:
    case 503:
      return '服务器暂时无法保存，请稍后重试';
    default:
      return `操作失败（HTTP ${status}），请稍后重试`;
  }
}

/** What the desk says when a list could not be read. */
export function explainReadFailure(status: number): string {
  if (status === 0) return explainRefusal(0, '');
  if (status === 429 || status === 503) return '服务器繁忙，列表暂未更新，稍后自动重试';
  return `读取失败（HTTP ${status}），请稍后重试`;
}
