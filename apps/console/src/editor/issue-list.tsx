import { ApiError, type ApiIssue } from '../api-client'
import { useT } from '../i18n'

/** The located issues of a refused pack (a 422's details): file, line and column, pointer, message. */
export const IssueList = ({ error }: { error: unknown }) => {
  const { lang } = useT()
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return null
  const issues = (error.details as ApiIssue[]).filter((i) => typeof i === 'object' && i !== null && typeof i.message === 'string')
  if (issues.length === 0) return null
  return (
    <ul class="issues">
      {issues.map((issue, i) => (
        <li key={i} class={issue.severity}>
          <code>
            {issue.file}
            {issue.line !== undefined ? `:${issue.line}:${issue.column ?? 1}` : ''} {issue.pointer}
          </code>{' '}
          {lang === 'zh' ? issue.message : issue.messageEn}
        </li>
      ))}
    </ul>
  )
}
