import { createContext } from 'preact'
import { useContext } from 'preact/hooks'

/*
 * What a person reads: Chinese first, English on a switch (remembered in localStorage). Every text of the
 * console is a key of MESSAGES with both languages, so a missing translation is a type error.
 */

/** The console's languages. */
export type Lang = 'zh' | 'en'

const MESSAGES = {
  title: { zh: 'chufei 控制台', en: 'chufei console' },
  subtitle: { zh: '非法集资风险线索评分', en: 'Illegal-fundraising lead scoring' },
  navRules: { zh: '规则', en: 'Rules' },
  navTry: { zh: '试算线索', en: 'Try a lead' },
  navEditor: { zh: '编辑规则', en: 'Edit a rule' },
  switchLang: { zh: 'English', en: '中文' },
  switchLangLabel: { zh: '切换为英文', en: 'Switch to Chinese' },
  mainNav: { zh: '主导航', en: 'Main navigation' },
  loading: { zh: '正在加载…', en: 'Loading…' },
  loadFailed: { zh: '加载失败', en: 'Could not load' },
  retry: { zh: '重试', en: 'Retry' },
  tokenLabel: { zh: '接口令牌（服务设置了 CHUFEI_API_TOKEN）', en: 'API token (the server sets CHUFEI_API_TOKEN)' },
  tokenSave: { zh: '使用令牌', en: 'Use token' },
  pack: { zh: '规则包', en: 'Rule pack' },
  version: { zh: '版本', en: 'Version' },
  rulesCount: { zh: '条规则', en: 'rules' },
  filterLabel: { zh: '筛选规则（编号、名称、说明）', en: 'Filter rules (id, name, description)' },
  filterDimension: { zh: '维度或类型', en: 'Dimension or type' },
  all: { zh: '全部', en: 'All' },
  file: { zh: '文件', en: 'File' },
  colId: { zh: '编号', en: 'Id' },
  colName: { zh: '名称', en: 'Name' },
  colEffect: { zh: '作用', en: 'Effect' },
  colPoints: { zh: '分值', en: 'Points' },
  colBasis: { zh: '法律依据', en: 'Legal basis' },
  colActions: { zh: '操作', en: 'Actions' },
  edit: { zh: '编辑', en: 'Edit' },
  details: { zh: '说明', en: 'Details' },
  noRules: { zh: '没有符合条件的规则', en: 'No rule matches' },
  typeScore: { zh: '计分', en: 'Score' },
  typePattern: { zh: '重点行为', en: 'Key pattern' },
  typeEscalate: { zh: '升级预警', en: 'Escalation' },
  typeDisposition: { zh: '处置建议', en: 'Disposition' },
  tryTitle: { zh: '试算一条线索', en: 'Try a lead' },
  tryHint: { zh: '填写表单，或粘贴线索 JSON（格式见 docs/spec.md §1），然后评分。', en: 'Fill in the form or paste a lead as JSON (format: docs/spec.md §1), then score it.' },
  modeForm: { zh: '表单', en: 'Form' },
  modeJson: { zh: 'JSON', en: 'JSON' },
  leadJson: { zh: '线索 JSON', en: 'Lead JSON' },
  score: { zh: '评分并解释', en: 'Score and explain' },
  sample: { zh: '填入示例', en: 'Fill in a sample' },
  badJson: { zh: 'JSON 格式错误', en: 'Invalid JSON' },
  total: { zh: '综合得分', en: 'Total' },
  tier: { zh: '预警等级', en: 'Tier' },
  disposition: { zh: '处置建议', en: 'Disposition' },
  patterns: { zh: '重点行为', en: 'Key patterns' },
  none: { zh: '无', en: 'None' },
  reasons: { zh: '主要依据', en: 'Main reasons' },
  trace: { zh: '逐条件解释', en: 'Condition-by-condition trace' },
  showNotFired: { zh: '同时显示未触发的规则', en: 'Also show rules that did not fire' },
  fired: { zh: '触发', en: 'fired' },
  notFired: { zh: '未触发', en: 'not fired' },
  invalidLead: { zh: '线索有误', en: 'Invalid lead' },
  editorTitle: { zh: '编辑规则', en: 'Edit a rule' },
  pickRule: { zh: '选择规则', en: 'Choose a rule' },
  formTitle: { zh: '常用设置', en: 'Common settings' },
  jsonTitle: { zh: '规则 JSON（按规则包模式校验）', en: 'Rule JSON (checked against the pack schema)' },
  ruleName: { zh: '规则名称', en: 'Rule name' },
  points: { zh: '加分', en: 'Points' },
  threshold: { zh: '阈值', en: 'Threshold' },
  keywords: { zh: '关键词（每行一个）', en: 'Keywords (one per line)' },
  noFormFields: { zh: '此规则没有可用表单修改的阈值或关键词，请在下方 JSON 中修改。', en: 'This rule has no thresholds or keywords for the form; edit its JSON below.' },
  validating: { zh: '正在校验…', en: 'Validating…' },
  valid: { zh: '校验通过', en: 'Valid' },
  invalid: { zh: '校验未通过', en: 'Not valid' },
  warnings: { zh: '提示', en: 'Warnings' },
  examples: { zh: '规则示例（每次修改后自动运行）', en: 'Rule examples (run on every change)' },
  noExamples: { zh: '此规则没有示例。', en: 'This rule has no examples.' },
  examplesBlocked: { zh: '规则包有错误，示例未运行。', en: 'The pack has errors; examples not run.' },
  example: { zh: '示例', en: 'Example' },
  expected: { zh: '应当', en: 'Expected' },
  actual: { zh: '实际', en: 'Actual' },
  passed: { zh: '通过', en: 'Passed' },
  failedExample: { zh: '未通过', en: 'Failed' },
  reset: { zh: '还原', en: 'Reset' },
  copyJson: { zh: '下载修改后的规则文件', en: 'Download the edited rule file' },
  backtestTitle: { zh: '回测', en: 'Backtest' },
  backtestHint: {
    zh: '用修改后的规则包重新评分一个已导入的排查批次，与导入时的结果比较。',
    en: 'Score a stored sweep again with the edited pack and compare with the results stored at import.',
  },
  pickSweep: { zh: '排查批次', en: 'Sweep' },
  runBacktest: { zh: '运行回测', en: 'Run the backtest' },
  backtesting: { zh: '正在回测…', en: 'Backtesting…' },
  noSweeps: { zh: '案件库中还没有排查批次。', en: 'The case store holds no sweep yet.' },
  matrixTitle: { zh: '预警等级变化（行：修改前，列：修改后）', en: 'Tier transitions (rows: before, columns: after)' },
  dispositionChanges: { zh: '处置建议变化', en: 'Disposition changes' },
  movedLeads: { zh: '变化的线索', en: 'Moved leads' },
  movedNone: { zh: '没有线索发生变化。', en: 'No lead moved.' },
  movedMore: { zh: '共 {n} 条，仅列出前 {m} 条。', en: '{n} in all; the first {m} are listed.' },
  scoreDelta: { zh: '得分变化', en: 'Score change' },
  movedBy: { zh: '引起变化的规则', en: 'Rules that moved it' },
  ruleFired: { zh: '新触发', en: 'now fires' },
  ruleStopped: { zh: '不再触发', en: 'no longer fires' },
  ruleChanged: { zh: '效果改变', en: 'effect changed' },
  backtestSummary: { zh: '{leads} 条线索，{moved} 条变化（导入时的规则包 {base} → 修改后的规则包）', en: '{leads} leads, {moved} moved (the pack at import, {base} → the edited pack)' },
  fixFirst: { zh: '规则包校验通过后才能回测和发布。', en: 'Backtest and publish once the pack is valid.' },
  publishTitle: { zh: '发布', en: 'Publish' },
  publishHint: {
    zh: '发布为新的规则包版本，服务立即按新版本评分；历史可在「版本」页查看和回滚。',
    en: 'Publish as a new pack version: the server scores with it at once. The history and rollback are on the Versions page.',
  },
  versionLabel: { zh: '版本号（留空则自动生成，如 2024.2.0+1）', en: 'Version (leave empty for an automatic one, e.g. 2024.2.0+1)' },
  reasonLabel: { zh: '发布原因（必填）', en: 'Reason (required)' },
  confirmPublish: { zh: '我确认发布，服务将立即使用新规则', en: 'I confirm: the server uses the new rules at once' },
  publishButton: { zh: '发布新版本', en: 'Publish the new version' },
  publishing: { zh: '正在发布…', en: 'Publishing…' },
  publishedAs: { zh: '已发布为版本 {v}，服务已启用。', en: 'Published as version {v}; the server uses it now.' },
  publishFailed: { zh: '发布失败', en: 'Publishing failed' },
  needSignInStore: { zh: '回测和发布需要登录案件库。', en: 'Backtest and publish need you to sign in to the case store.' },
  onlyTownPublishes: { zh: '只有镇处非办或本机管理员可以发布和回滚规则包。', en: 'Only a town office or the administrator may publish or roll back packs.' },
  navPacks: { zh: '版本', en: 'Versions' },
  packsTitle: { zh: '规则包版本', en: 'Pack versions' },
  packsServing: { zh: '正在使用', en: 'Serving' },
  packsNone: { zh: '还没有发布过规则包：服务使用 rules/ 文件夹中的规则包。', en: 'Nothing published yet: the server serves the pack in its rules/ folder.' },
  colVersion: { zh: '版本', en: 'Version' },
  colHash: { zh: '哈希', en: 'Hash' },
  colWho: { zh: '发布人', en: 'Published by' },
  colWhen: { zh: '发布时间', en: 'When' },
  colWhy: { zh: '原因', en: 'Why' },
  colReplaced: { zh: '取代', en: 'Replaced' },
  currentBadge: { zh: '当前', en: 'Current' },
  rollbackOf: { zh: '回滚至第 {n} 号', en: 'Rollback to #{n}' },
  rollback: { zh: '回滚', en: 'Roll back' },
  rollbackTo: { zh: '回滚到版本 {v}', en: 'Roll back to version {v}' },
  rollbackReason: { zh: '回滚原因（必填）', en: 'Reason for the rollback (required)' },
  confirmRollback: { zh: '确认回滚', en: 'Confirm the rollback' },
  rollingBack: { zh: '正在回滚…', en: 'Rolling back…' },
  rolledBack: { zh: '已回滚，服务正在使用版本 {v}。', en: 'Rolled back; the server uses version {v}.' },
  cancel: { zh: '取消', en: 'Cancel' },
  packsNeedSignIn: { zh: '规则包版本需要登录。', en: 'Pack versions need you to sign in.' },
  navCases: { zh: '案件台账', en: 'Case ledger' },
  navSignIn: { zh: '登录', en: 'Sign in' },
  signOut: { zh: '退出', en: 'Sign out' },
  signedInAs: { zh: '当前用户', en: 'Signed in as' },
  userNav: { zh: '账户', en: 'Account' },
  signInTitle: { zh: '登录', en: 'Sign in' },
  signInHint: {
    zh: '用案件库的登录名和密码登录。首次运行 npm run serve 时，终端会打印本机管理员 admin 的密码。',
    en: 'Sign in with your case-store login and password. On the first run, npm run serve prints the password of the administrator admin.',
  },
  signInNeeded: { zh: '案件台账需要登录。', en: 'The case ledger needs you to sign in.' },
  loginLabel: { zh: '登录名', en: 'Login' },
  passwordLabel: { zh: '密码', en: 'Password' },
  signInButton: { zh: '登录', en: 'Sign in' },
  signingIn: { zh: '正在登录…', en: 'Signing in…' },
  signInFailed: { zh: '登录失败', en: 'Sign-in failed' },
  casesTitle: { zh: '案件台账', en: 'Case ledger' },
  casesFilters: { zh: '筛选案件', en: 'Filter cases' },
  statusLabel: { zh: '状态', en: 'Status' },
  unitLabel: { zh: '所属单位', en: 'Unit' },
  openOnly: { zh: '仅在办（待核查、处置中）', en: 'Open only (to verify, in hand)' },
  overdueOnly: { zh: '仅逾期', en: 'Overdue only' },
  searchCases: { zh: '搜索主体名称或统一社会信用代码', en: 'Search subject name or credit code' },
  search: { zh: '搜索', en: 'Search' },
  colCase: { zh: '案件编号', en: 'Case' },
  colSubject: { zh: '主体名称', en: 'Subject' },
  creditCode: { zh: '统一社会信用代码', en: 'Credit code' },
  controller: { zh: '实际控制人', en: 'Controller' },
  deadline: { zh: '整改时限', en: 'Deadline' },
  measures: { zh: '处置措施', en: 'Measures' },
  notes: { zh: '备注', en: 'Notes' },
  plan: { zh: '一事一策', en: 'Plan' },
  noCases: { zh: '没有符合条件的案件', en: 'No case matches' },
  prevPage: { zh: '上一页', en: 'Previous page' },
  nextPage: { zh: '下一页', en: 'Next page' },
  pageN: { zh: '第 {n} 页', en: 'Page {n}' },
  casesPaging: { zh: '翻页', en: 'Pages' },
  caseTitle: { zh: '案件', en: 'Case' },
  caseNotFound: { zh: '没有找到该案件（或不在你的单位范围内）', en: 'Case not found (or outside your units)' },
  backToLedger: { zh: '返回案件台账', en: 'Back to the ledger' },
  escalated: { zh: '升级', en: 'Escalated' },
  resurfacing: { zh: '卷土重来', en: 'Resurfacing' },
  followUp: { zh: '跟进处置', en: 'Follow-up' },
  save: { zh: '保存', en: 'Save' },
  saving: { zh: '正在保存…', en: 'Saving…' },
  saved: { zh: '已保存', en: 'Saved' },
  conflict: { zh: '该案件已被他人修改', en: 'Someone else changed this case' },
  conflictHint: {
    zh: '你的修改没有保存。上方是案件现在的状态；表单仍是你填写的内容，可在当前版本上重新应用。',
    en: 'Your change was not saved. Above is the case as it is now; the form keeps what you entered, to apply again on the current version.',
  },
  reapply: { zh: '在当前版本上重新应用我的修改', en: 'Apply my change on the current version' },
  leads: { zh: '各批次线索', en: 'Leads across sweeps' },
  history: { zh: '处理记录', en: 'History' },
  sweep: { zh: '排查批次', en: 'Sweep' },
  sweepDate: { zh: '排查日期', en: 'Sweep date' },
  line: { zh: '行号', en: 'Line' },
  matchedBy: { zh: '关联方式', en: 'Matched by' },
  at: { zh: '时间', en: 'When' },
  who: { zh: '操作人', en: 'Who' },
  eventKind: { zh: '事件', en: 'Event' },
  change: { zh: '变更', en: 'Change' },
  scores: { zh: '各维度得分', en: 'Dimension scores' },
  notFound: { zh: '没有这个页面', en: 'No such page' },
  noFiles: { zh: '服务未提供规则包源文件，无法编辑。', en: 'The server does not provide the pack files; editing is unavailable.' },
} as const satisfies Record<string, Record<Lang, string>>

/** A message key. */
export type MessageKey = keyof typeof MESSAGES

/** The message `key` in `lang`. */
export const translate = (lang: Lang, key: MessageKey): string => MESSAGES[key][lang]

/** The language in effect, provided by the app shell. */
export const LangContext = createContext<Lang>('zh')

/** The current language and its translator. */
export const useT = (): { lang: Lang; t: (key: MessageKey) => string } => {
  const lang = useContext(LangContext)
  return { lang, t: (key) => translate(lang, key) }
}

const STORAGE_KEY = 'chufei.lang'

/** The saved language, Chinese unless English was chosen. */
export const savedLang = (): Lang => {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh'
  } catch {
    return 'zh'
  }
}

/** Remembers the chosen language. */
export const saveLang = (lang: Lang): void => {
  try {
    localStorage.setItem(STORAGE_KEY, lang)
  } catch {
    // Storage can be off (private mode): the switch still works for this page.
  }
}
