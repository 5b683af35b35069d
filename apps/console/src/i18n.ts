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
  publishNote: {
    zh: '发布为新的规则包版本需要案件库（规划中）。现在可下载修改后的文件，放入规则包文件夹，服务会自动重新加载。',
    en: 'Publishing as a new pack version needs the case store (planned). For now, download the edited file into the pack folder: the server reloads it.',
  },
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
  // Staff pages home (首页), upload (上传排查表), report (总结报告) and the sample data.
  navHome: { zh: '首页', en: 'Home' },
  navUpload: { zh: '上传排查表', en: 'Upload a sheet' },
  navReport: { zh: '总结报告', en: 'Report' },
  signInNeededPage: { zh: '此页面需要登录。', en: 'This page needs you to sign in.' },
  homeTitle: { zh: '首页', en: 'Home' },
  homeScope: { zh: '范围：你的单位', en: 'Scope: your units' },
  openCasesTitle: { zh: '在办案件', en: 'Open cases' },
  overdueTitle: { zh: '逾期案件', en: 'Overdue cases' },
  resurfacingTitle: { zh: '卷土重来', en: 'Resurfacing subjects' },
  newThisSweep: { zh: '本批新增', en: 'New this sweep' },
  daysOverdue: { zh: '逾期天数', en: 'Days overdue' },
  earlierCase: { zh: '原案件', en: 'Earlier case' },
  noneYet: { zh: '暂无', en: 'None' },
  noSweepsYet: { zh: '还没有导入排查表。', en: 'No sheet has been imported yet.' },
  seeAllInLedger: { zh: '在案件台账中查看全部', en: 'See all in the ledger' },
  casesUnit: { zh: '件', en: 'cases' },
  sweepLine: { zh: '第 {id} 批：{unit}，排查日期 {date}，文件 {file}', en: 'Sweep {id}: {unit}, dated {date}, file {file}' },
  chartsTitle: { zh: '风险分布（各单位最近一批排查）', en: 'Risk distribution (each unit’s latest sweep)' },
  chartTier: { zh: '按预警等级', en: 'By tier' },
  chartVillage: { zh: '按村（社区）', en: 'By village' },
  chartSector: { zh: '按行业领域', en: 'By sector' },
  chartPattern: { zh: '按重点行为', en: 'By key pattern' },
  chartOpen: { zh: '在办案件（按单位、预警等级）', en: 'Open cases by unit and tier' },
  trendTitle: { zh: '动态趋势（各批次）', en: 'Trend across sweeps' },
  colPeriod: { zh: '期间', en: 'Period' },
  periodText: { zh: '{from} 至 {to}', en: '{from} to {to}' },
  uploadTitle: { zh: '上传排查表', en: 'Upload an investigation sheet' },
  uploadHint: {
    zh: '选择或拖入排查表（.xlsx 或 .csv），选择导入到的单位和排查日期，然后上传。系统逐行读取、评分并关联案件；同一文件不会重复导入。',
    en: 'Choose or drop an investigation sheet (.xlsx or .csv), pick the unit and the sweep date, then upload. Each row is read, scored and linked to its case; the same file is never imported twice.',
  },
  uploadNotAllowed: {
    zh: '只有镇处非办或本机管理员可以导入排查表。村（社区）请把排查表交给镇处非办导入；导入后可在首页和案件台账查看本单位的结果。',
    en: 'Only a town office or the administrator imports sheets. Villages hand their sheet to the town office; once imported, the results are on the home page and in the ledger.',
  },
  dropZone: { zh: '把排查表拖到这里', en: 'Drop the sheet here' },
  chooseFile: { zh: '选择排查表文件（.xlsx 或 .csv）', en: 'Choose the sheet (.xlsx or .csv)' },
  chosenFile: { zh: '已选择', en: 'Selected' },
  importUnit: { zh: '导入到单位', en: 'Into unit' },
  uploadButton: { zh: '上传并评分', en: 'Upload and score' },
  uploading: { zh: '正在上传…', en: 'Uploading…' },
  uploadScoring: { zh: '已上传，正在读取和评分…', en: 'Uploaded; reading and scoring…' },
  uploadProgress: { zh: '上传进度', en: 'Upload progress' },
  badFileType: { zh: '只能上传 .xlsx 或 .csv 文件', en: 'Only .xlsx or .csv files can be uploaded' },
  noFile: { zh: '请先选择或拖入排查表', en: 'Choose or drop a sheet first' },
  uploadFailed: { zh: '上传未成功', en: 'Upload failed' },
  outcomeTitle: { zh: '导入结果', en: 'Outcome' },
  countRead: { zh: '读取', en: 'Read' },
  countScored: { zh: '评分', en: 'Scored' },
  countRejected: { zh: '问题行', en: 'Rejected' },
  countSkipped: { zh: '跳过（空行、表尾）', en: 'Skipped (blank, footer)' },
  newCases: { zh: '新立案', en: 'New cases' },
  linkedCases: { zh: '关联已有案件', en: 'Linked to existing cases' },
  escalationsTitle: { zh: '升级预警', en: 'Escalations' },
  resurfacingLine: { zh: '与已关闭的案件 {case}（{unit}，{status}，{subject}）相符，按{matched}匹配', en: 'matches closed case {case} ({unit}, {status}, {subject}) by {matched}' },
  rejectedTitle: { zh: '问题行（请修改排查表后重新上传）', en: 'Rejected rows (fix the sheet and upload again)' },
  colLeadRef: { zh: '线索编号', en: 'Lead no.' },
  colReason: { zh: '原因', en: 'Reason' },
  noRejected: { zh: '没有问题行。', en: 'No rejected rows.' },
  samplesTitle: { zh: '示例数据', en: 'Sample data' },
  samplesHint: {
    zh: '导入随程序附带的两批示例排查表（2024 年一季度 .xlsx、二季度 .csv）到本镇，用来熟悉首页、案件台账和总结报告。',
    en: 'Import the two bundled sample sheets (2024 Q1 .xlsx, Q2 .csv) into your town, to get to know home, the ledger and the report.',
  },
  samplesButton: { zh: '导入示例数据', en: 'Import sample data' },
  samplesImporting: { zh: '正在导入示例数据…', en: 'Importing the sample data…' },
  samplesImported: { zh: '已导入', en: 'Imported' },
  samplesAlready: { zh: '已导入过，未重复导入', en: 'Imported before; nothing changed' },
  reportTitle: { zh: '风险排查总结报告', en: 'Summary report' },
  reportHint: {
    zh: '统计期间内各单位最近一批排查，逾期以止日为准。报告可直接打印为 A4。',
    en: 'Each unit’s latest sweep in the period; overdue is judged at the last day. The report prints on A4.',
  },
  reportFrom: { zh: '起日', en: 'From' },
  reportTo: { zh: '止日', en: 'To' },
  reportShow: { zh: '生成报告', en: 'Show the report' },
  reportPrint: { zh: '打印', en: 'Print' },
  reportFrame: { zh: '总结报告预览', en: 'Report preview' },
  reportOpen: { zh: '在新窗口打开', en: 'Open in a new window' },
  reportBadPeriod: { zh: '起日不能晚于止日', en: 'The first day cannot be after the last' },
  // End of the home, upload and report block.
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
