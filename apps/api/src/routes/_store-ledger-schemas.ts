import { LEDGER_EDITABLE_FIELDS, LEDGER_SYNC_FIELDS } from '@chufei/store'
import { z } from 'zod'
import { CaseBody } from './_store-schemas'

/*
 * The bodies of the ledger routes (台账回填) as zod schemas, named components of the OpenAPI document; the route
 * tests parse real answers with them. They mirror the store's LedgerImportPlan and LedgerImportOutcome.
 */

const field = z.enum(LEDGER_EDITABLE_FIELDS).meta({ description: 'status, measures, deadline, plan or notes' })

/** One change an import would make. */
export const LedgerChangeBody = z
  .object({
    caseId: z.number().int(),
    subject: z.string(),
    row: z.number().int().meta({ description: 'The sheet line' }),
    version: z.number().int().meta({ description: 'The version the sheet was exported at' }),
    field,
    before: z.string().nullable(),
    after: z.string().nullable(),
  })
  .meta({ id: 'LedgerChange' })

/** A case edited in the sheet and changed in the store since the export. */
export const LedgerConflictBody = z
  .object({
    caseId: z.number().int(),
    row: z.number().int(),
    exportedVersion: z.number().int(),
    currentVersion: z.number().int(),
    edits: z.array(z.object({ field, after: z.string().nullable() })).meta({ description: 'The sheet’s edits, refused' }),
    current: CaseBody,
  })
  .meta({ id: 'LedgerConflict' })

/** A row that cannot be read or applied. */
export const LedgerRowErrorBody = z
  .object({
    row: z.number().int(),
    field: z.enum(LEDGER_SYNC_FIELDS).nullable(),
    column: z.string().nullable().meta({ description: 'The column as staff read it (Chinese header)' }),
    message: z.string(),
    messageEn: z.string(),
  })
  .meta({ id: 'LedgerRowError' })

/** POST /v1/ledger/preview. */
export const LedgerPreviewBody = z
  .object({
    file: z.string(),
    plan: z.object({
      changes: z.array(LedgerChangeBody),
      conflicts: z.array(LedgerConflictBody),
      errors: z.array(LedgerRowErrorBody),
      rows: z.number().int().meta({ description: 'Data rows read' }),
    }),
    planHash: z.string().meta({ description: 'Give it to POST /v1/ledger/apply: what is applied is what was previewed' }),
  })
  .meta({ id: 'LedgerPreview' })

/** POST /v1/ledger/apply. */
export const LedgerApplyBody = z
  .object({
    file: z.string(),
    updated: z.array(CaseBody).meta({ description: 'Each case updated, one follow-up event each' }),
    errors: z.array(LedgerRowErrorBody).meta({ description: 'Rows left out' }),
  })
  .meta({ id: 'LedgerApply' })
