import { describe, expect, it } from 'vitest'
import { SAMPLE_LEAD, fieldLabel, formFromLead, leadFromForm } from './lead-form-model'

describe('the lead form', () => {
  it('builds a nested lead, leaving empty fields out and reading numbers and yes/no', () => {
    expect(
      leadFromForm({ id: 'A1', 'subject.name': ' 某公司 ', 'people.total': '42', 'money.raised': '', 'stability.overdue': 'no' }),
    ).toEqual({ id: 'A1', subject: { name: '某公司' }, people: { total: 42 }, stability: { overdue: false } })
  })

  it('keeps a number field that is not a number as typed, so the API names the field', () => {
    expect(leadFromForm({ 'people.total': '四十' })).toEqual({ people: { total: '四十' } })
  })

  it('round-trips the sample lead through the form', () => {
    expect(leadFromForm(formFromLead(SAMPLE_LEAD))).toEqual(SAMPLE_LEAD)
  })

  it('labels fields in Chinese with their unit, and in English', () => {
    expect(fieldLabel('people.total', 'zh')).toBe('涉及人数（人）')
    expect(fieldLabel('people.total', 'en')).toMatch(/people/i)
  })
})
