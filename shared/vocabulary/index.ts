// The words of the domain (domain.md), shared by the schemas, the aggregation and the wall.

export const RISK_LEVELS = ['high', 'medium', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = { high: '高风险', medium: '中风险', low: '低风险' };

export const WARNING_SOURCES = ['province', 'city'] as const;
export type WarningSource = (typeof WARNING_SOURCES)[number];
/** Short, for a title bar: 省厅 (the provincial platform's instructions) and 市平台 (the city's own). */
export const WARNING_SOURCE_LABELS: Record<WarningSource, string> = { province: '省厅', city: '市平台' };

export const FRAUD_TYPES = [
  'rebate',
  'investment',
  'romance',
  'loan',
  'customer_service',
  'police_impersonation',
  'credit',
  'acquaintance',
  'game_trade',
  'other',
] as const;
export type FraudType = (typeof FRAUD_TYPES)[number];
export const FRAUD_TYPE_LABELS: Record<FraudType, string> = {
  rebate: '刷单返利',
  investment: '虚假投资理财',
  romance: '网络交友诱导投资',
  loan: '虚假网络贷款',
  customer_service: '冒充电商物流客服',
  police_impersonation: '冒充公检法',
  credit: '虚假征信',
  acquaintance: '冒充领导熟人',
  game_trade: '网络游戏虚假交易',
  other: '其他',
};

export const CONTACT_RESULTS = ['dissuaded', 'not_deceived', 'unreachable'] as const;
export type ContactResult = (typeof CONTACT_RESULTS)[number];
export const CONTACT_CHANNELS = ['96110', 'local_call', 'sms'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
/** Contacts are counted by channel; a call that does not say its channel counts as `unknown`. */
export const COUNTED_CHANNELS = [...CONTACT_CHANNELS, 'unknown'] as const;
export type CountedChannel = (typeof COUNTED_CHANNELS)[number];
export const CHANNEL_LABELS: Record<CountedChannel, string> = { '96110': '96110专线', local_call: '属地电话', sms: '短信', unknown: '未注明' };

/**
 * Escalation stages: opened → comms → face to face → resolved. Face to face is the police
 * station's (派出所劝阻) or a community grid worker's (网格员当面劝阻, 警格+网格), either or both, in
 * either order (issue 27).
 */
export const ESCALATION_STAGES = ['opened', 'comms', 'station', 'grid', 'resolved'] as const;
export type EscalationStage = (typeof ESCALATION_STAGES)[number];
/** The steps an `escalation` event can report (`opened` is implied by the unreachable call). */
export const ESCALATION_STEPS = ['comms', 'station', 'grid', 'resolved'] as const;
export type EscalationStep = (typeof ESCALATION_STEPS)[number];
/** The steps taken at the victim's door. */
export const FACE_TO_FACE_STEPS = ['station', 'grid'] as const;
export type FaceToFaceStep = (typeof FACE_TO_FACE_STEPS)[number];
export const ESCALATION_STAGE_LABELS: Record<EscalationStage, string> = {
  opened: '打不通',
  comms: '通讯处置',
  station: '派出所劝阻',
  grid: '网格员劝阻',
  resolved: '已处置',
};

export const ESCALATION_OUTCOMES = ['dissuaded', 'loss', 'false_alarm'] as const;
export type EscalationOutcome = (typeof ESCALATION_OUTCOMES)[number];
export const ESCALATION_OUTCOME_LABELS: Record<EscalationOutcome, string> = {
  dissuaded: '劝回',
  loss: '损失',
  false_alarm: '误报',
};

export const INTERCEPTION_KINDS = ['stop_payment', 'recovery'] as const;
export type InterceptionKind = (typeof INTERCEPTION_KINDS)[number];

export const CASE_KINDS = ['filed', 'solved', 'arrest'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** Who gave an outreach session (全民反诈, issue 27): police, line units (banks, telecoms, schools), village and community cadres, grid workers, volunteers. */
export const OUTREACH_UNITS = ['police', 'department', 'village', 'grid', 'volunteer'] as const;
export type OutreachUnit = (typeof OUTREACH_UNITS)[number];
export const OUTREACH_UNIT_LABELS: Record<OutreachUnit, string> = {
  police: '公安民警',
  department: '条线单位',
  village: '镇村干部',
  grid: '网格员',
  volunteer: '志愿者',
};
export const OUTREACH_FORMATS = ['talk', 'door_to_door', 'online', 'media'] as const;
export type OutreachFormat = (typeof OUTREACH_FORMATS)[number];
export const OUTREACH_FORMAT_LABELS: Record<OutreachFormat, string> = { talk: '宣讲', door_to_door: '上门见面', online: '线上宣传', media: '媒体宣传' };

export const EVENT_TYPES = ['warning', 'contact', 'escalation', 'interception', 'case', 'outreach'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

const STAGE_RANK: Record<EscalationStage, number> = { opened: 0, comms: 1, station: 2, grid: 2, resolved: 3 };

/** Where a stage stands in the order: the two face-to-face stages stand level. */
export function stageRank(stage: EscalationStage): number {
  return STAGE_RANK[stage];
}

export function isFaceToFace(stage: EscalationStage): stage is FaceToFaceStep {
  return stage === 'station' || stage === 'grid';
}
