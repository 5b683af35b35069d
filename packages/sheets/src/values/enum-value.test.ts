import { ENUM_FIELDS } from '@chufei/core'
import { describe, expect, it } from 'vitest'
import { ENUM_FIELD_PATHS, parseEnumValue, type EnumField } from './enum-value'

describe('parseEnumValue', () => {
  it('reads every slug and every Chinese label of core’s ENUM_FIELDS', () => {
    for (const field of ENUM_FIELD_PATHS) {
      for (const [slug, label] of Object.entries(ENUM_FIELDS[field])) {
        expect(parseEnumValue(field, slug)).toEqual({ value: slug })
        expect(parseEnumValue(field, label.zh)).toEqual({ value: slug })
        expect(parseEnumValue(field, ` ${label.en.toUpperCase()} `)).toEqual({ value: slug })
      }
    }
  })

  it.each<[EnumField, string, string]>([
    ['subject.kind', '农村合作社', 'cooperative'],
    ['subject.kind', '合作社', 'cooperative'],
    ['subject.kind', '公司', 'enterprise'],
    ['subject.kind', '有限公司', 'enterprise'],
    ['subject.kind', '某某商贸有限责任公司', 'enterprise'],
    ['subject.kind', '个体户', 'individual-business'],
    ['subject.kind', '个人', 'person'],
    ['subject.kind', '民办非企业单位', 'social-organization'],
    ['source', '网格员', 'grid-inspection'],
    ['source', '举报', 'public-report'],
    ['source', '12345热线', 'public-report'],
    ['source', '群众报案', 'public-report'],
    ['source', '受害人报案', 'public-report'],
    // Round 10: a lead passed on by the police, a procuratorate or a court — member units of the 处非 joint
    // conference — comes from a department, as 行业排查 does (it used to read as unknown).
    ['source', '公安机关', 'sector-inspection'],
    ['source', '公安局', 'sector-inspection'],
    ['source', '派出所', 'sector-inspection'],
    ['source', '经侦大队', 'sector-inspection'],
    ['source', '检察院', 'sector-inspection'],
    ['source', '人民法院', 'sector-inspection'],
    ['source', '部门移送', 'sector-inspection'],
    ['sector', '金融', 'private-finance-intermediary'],
    ['sector', '互联网金融', 'private-finance-intermediary'],
    ['sector', '生物科技', 'other'],
    ['sector', '互联网', 'other'],
    ['sector', '社会组织', 'other'],
    ['sector', '公益慈善', 'other'],
    ['sector', '养殖', 'agriculture'],
    ['sector', '种植', 'agriculture'],
    ['sector', '涉农', 'agriculture'],
    ['sector', '生猪养殖', 'agriculture'],
    ['sector', 'P2P', 'p2p-lending'],
    ['region.kind', '城乡结合地区', 'urban-rural-fringe'],
    ['region.kind', '城中村', 'urban-rural-fringe'],
    ['history.priorSanction', '二年内受过非法集资行政处罚', 'administrative'],
    ['history.priorSanction', '行政处罚', 'administrative'],
    ['history.priorSanction', '曾因非法集资受过刑事追究', 'criminal'],
    ['history.priorSanction', '没有', 'none'],
    ['history.priorSanction', '无', 'none'],
    ['history.priorSanction', '未受过行政处罚', 'none'],
    ['repayment.ability', '较弱', 'weak'],
    ['repayment.ability', '无力偿还', 'none'],
    ['repayment.willingness', '不积极', 'passive'],
    ['repayment.willingness', '不配合', 'refuses'],
    ['repayment.willingness', '不愿意', 'refuses'],
  ])('%s: reads %s as %s', (field, raw, slug) => {
    expect(parseEnumValue(field, raw)).toEqual({ value: slug })
  })

  it('warns unknown-value for a label it does not know, listing the choices', () => {
    const r = parseEnumValue('subject.kind', '火星人', '主体类型')
    expect(r.value).toBeUndefined()
    expect(r.warning?.code).toBe('unknown-value')
    expect(r.warning?.message).toBe(
      '“主体类型”列的值“火星人”不是可识别的取值（可填：企业、农民专业合作社、个体工商户、自然人、网络平台、社会组织、其他），按未知处理',
    )
    expect(parseEnumValue('sector', 42).warning?.code).toBe('unknown-value')
  })

  it('refuses to guess when keywords of two values appear', () => {
    const r = parseEnumValue('sector', '医疗养老', '所属行业')
    expect(r.value).toBeUndefined()
    expect(r.warning?.code).toBe('ambiguous-value')
  })

  it.each(['', '不详', '-', '/'])('reads %j as unknown without a warning', (raw) => {
    expect(parseEnumValue('sector', raw)).toEqual({ value: undefined })
  })

  it('does not map English words inside longer text (no substring guesses on ASCII)', () => {
    expect(parseEnumValue('subject.kind', 'personal').value).toBeUndefined()
  })
})
