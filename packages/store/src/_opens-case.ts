import type { PreparedRow } from './_sweep-rows'

/*
 * Which scored lead opens a case (案件，一事一策) when no open case of its subject exists. The town's work plan
 * (实施方案 四、工作措施（三）建立风险台账) asks for two lists: 建立总量风险清单 — every lead of a sweep, which the
 * store keeps in `leads` — and, 在此基础上, 筛选建立重点风险线索管理台账，明确整改责任、整改措施和时间安排 — the
 * cases, each with its measures and a deadline that staff must follow. A case for every low, monitor-only lead
 * would bury the few that need work under dozens that need none.
 */

/**
 * Whether a scored lead that matches no open case opens a new one: a key lead (重点线索, yellow tier or above,
 * as `isKeyLead` of @chufei/ledger defines it for the score ledger's 重点线索 sheet; `prepareRow` asks it); or a lead whose rules ask
 * for more than monitoring (约谈、整改、处罚、打击: a measure and a deadline, whatever the tier); or a lead whose
 * subject had a closed case (卷土重来: the subject coming back is itself the signal). Every other lead stays on
 * the total list only. A lead matching an OPEN case links to it whatever this says, so the case's history shows
 * the risk falling until it is gone.
 */
export const opensCase = (row: Pick<PreparedRow, 'disposition' | 'keyLead'>, resurfacing: boolean): boolean =>
  row.keyLead || row.disposition !== 'monitor' || resurfacing
