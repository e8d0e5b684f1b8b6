// What the admin page calls roles and audit actions, in Chinese.
import type { AccountRole } from '../account/account-session';
import type { AuditAction } from '../../shared/protocol/audit';

export const ROLE_LABELS: Record<AccountRole, string> = {
  admin: '管理员',
  operator: '处置人员',
  leader: '领导',
  device: '大屏设备',
  source: '上游系统',
};

export const ACTION_LABELS: Record<AuditAction, string> = {
  'sign-in': '登录',
  'sign-out': '退出',
  step: '处置操作',
  claim: '认领预警',
  release: '释放认领',
  'wall-scene': '大屏场景',
  'wall-playlist': '大屏轮播',
  'alert-target': '告警接收方',
  'alert-message': '告警推送',
  'view-victims': '查看受害人信息',
  'account-add': '新增账号',
  'account-password': '重置密码',
  'account-disable': '停用账号',
  'account-enable': '启用账号',
  'account-name': '修改显示名',
  'device-token': '更换令牌',
  export: '导出',
  start: '系统启动',
  'audit-prune': '清理过期审计记录',
  restore: '从备份恢复数据库',
};

export const RESULT_LABELS: Record<string, string> = {
  ok: '成功',
  invalid: '用户名或密码错误',
  locked: '账号已锁定',
};
