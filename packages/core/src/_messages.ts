/*
 * Bilingual texts of rule-pack and lead issues, by code. Chinese is what analysts read by default.
 */

type Params = Record<string, string | number | undefined>
type Text = (p: Params) => string

const MESSAGES: Record<string, { zh: Text; en: Text }> = {
  'missing-pack-json': { zh: () => '规则包缺少 pack.json', en: () => 'the rule pack has no pack.json' },
  'no-rule-files': { zh: () => '规则包中没有规则文件', en: () => 'the rule pack has no rule files' },
  'json-syntax': { zh: (p) => `JSON 语法错误：${p.detail}`, en: (p) => `JSON syntax error: ${p.detail}` },
  'json-too-deep': { zh: (p) => `JSON ${p.detail}，请减少嵌套（规则条件最多嵌套 ${p.conditionMax} 层）`, en: (p) => `JSON ${p.detailEn}; nest less (conditions nest at most ${p.conditionMax} levels)` },
  'duplicate-key': { zh: (p) => `字段“${p.key}”重复（第一次出现在第 ${p.first} 行）：JSON 会悄悄只保留后一个值，请删去一个`, en: (p) => `duplicate key "${p.key}" (first on line ${p.first}): JSON would silently keep only the later value; remove one` },
  'condition-too-deep': { zh: (p) => `条件嵌套过深：超过 ${p.max} 层${p.via ? `（经共享条件 ${p.via}）` : ''}，请合并层级（如 all 套 all 可合成一个 all）`, en: (p) => `conditions nested too deeply: more than ${p.max} levels${p.via ? ` (through shared conditions ${p.via})` : ''}; flatten them (an all inside an all is one all)` },
  'invalid-type': { zh: (p) => `类型错误：应为${p.expected}`, en: (p) => `wrong type: expected ${p.expectedEn ?? p.expected}` },
  'required': { zh: (p) => `缺少必填字段“${p.key}”`, en: (p) => `missing required field "${p.key}"` },
  'unknown-key': { zh: (p) => `未知字段“${p.key}”${p.hint ?? ''}`, en: (p) => `unknown field "${p.key}"${p.hintEn ?? ''}` },
  'invalid-value': { zh: (p) => `取值无效，应为：${p.allowed}`, en: (p) => `invalid value, expected one of: ${p.allowed}` },
  'out-of-range': { zh: (p) => `数值超出范围：${p.detail}`, en: (p) => `value out of range: ${p.detail}` },
  'schema-message': { zh: (p) => String(p.detail), en: (p) => String(p.detail) },
  'empty-text': { zh: () => '不能为空', en: () => 'must not be empty' },
  'text-too-short': { zh: (p) => `太短：至少 ${p.bound} 个字`, en: (p) => `too short: at least ${p.bound} characters` },
  'text-too-long': { zh: (p) => `太长：最多 ${p.bound} 个字`, en: (p) => `too long: at most ${p.bound} characters` },
  'list-too-short': { zh: (p) => `太少：至少 ${p.bound} 项`, en: (p) => `too few: at least ${p.bound} items` },
  'list-too-long': { zh: (p) => `太多：最多 ${p.bound} 项`, en: (p) => `too many: at most ${p.bound} items` },
  'invalid-format': { zh: (p) => `格式不正确：${p.detail}`, en: (p) => `invalid format: ${p.detail}` },
  'invalid': { zh: (p) => `无效：${p.detail}`, en: (p) => `invalid: ${p.detail}` },
  'duplicate-rule-id': { zh: (p) => `规则编号“${p.id}”重复（首次出现在 ${p.first}）`, en: (p) => `duplicate rule id "${p.id}" (first at ${p.first})` },
  'duplicate-condition-name': { zh: (p) => `共享条件“${p.name}”重复定义（首次出现在 ${p.first}）`, en: (p) => `shared condition "${p.name}" is defined twice (first at ${p.first})` },
  'unknown-fact': { zh: (p) => `未知的事实“${p.fact}”${p.suggestion ? `，是否应为“${p.suggestion}”？` : ''}`, en: (p) => `unknown fact "${p.fact}"${p.suggestion ? `; did you mean "${p.suggestion}"?` : ''}` },
  'unknown-operator': { zh: (p) => `未知的运算符“${p.operator}”${p.suggestion ? `，是否应为“${p.suggestion}”？` : ''}（可用：${p.allowed}）`, en: (p) => `unknown operator "${p.operator}"${p.suggestion ? `; did you mean "${p.suggestion}"?` : ''} (allowed: ${p.allowed})` },
  'operator-fact-mismatch': { zh: (p) => `运算符“${p.operator}”不能用于${p.type}类事实“${p.fact}”`, en: (p) => `operator "${p.operator}" cannot be used on the ${p.typeEn} fact "${p.fact}"` },
  'invalid-operand': { zh: (p) => `运算符“${p.operator}”的比较值应为${p.expected}`, en: (p) => `operator "${p.operator}" needs ${p.expectedEn} as its value` },
  'unknown-enum-value': { zh: (p) => `“${p.value}”不是“${p.fact}”的取值${p.suggestion ? `，是否应为“${p.suggestion}”？` : ''}（可用：${p.allowed}）`, en: (p) => `"${p.value}" is not a value of "${p.fact}"${p.suggestion ? `; did you mean "${p.suggestion}"?` : ''} (allowed: ${p.allowed})` },
  'reserved-condition-name': { zh: (p) => `共享条件不能命名为“${p.name}”（JavaScript 保留的属性名，会被悄悄丢弃），请换一个名称`, en: (p) => `a shared condition cannot be named "${p.name}" (a reserved JavaScript property name that would be silently dropped); rename it` },
  'unknown-condition': { zh: (p) => `引用了不存在的共享条件“${p.name}”`, en: (p) => `reference to an undefined shared condition "${p.name}"` },
  'circular-condition': { zh: (p) => `共享条件循环引用：${p.cycle}`, en: (p) => `circular shared conditions: ${p.cycle}` },
  'invalid-condition': { zh: (p) => `条件格式不正确：${p.detail}`, en: (p) => `malformed condition: ${p.detailEn ?? p.detail}` },
  'unsafe-path': { zh: (p) => `路径“${p.path}”不允许：只能使用简单的点号路径，不能含过滤表达式或原型属性`, en: (p) => `path "${p.path}" is not allowed: only simple dotted paths, no filter expressions or prototype keys` },
  'regex-too-long': { zh: (p) => `正则表达式过长（${p.detail}）`, en: (p) => `regular expression too long (${p.detail})` },
  'regex-syntax': { zh: (p) => `正则表达式语法错误（RE2 语法）：${p.detail}`, en: (p) => `regular expression syntax error (RE2 syntax): ${p.detail}` },
  'regex-lookaround': { zh: (p) => `正则表达式不能使用前后断言“${p.detail}”：规则正则在线性时间的 RE2 引擎上运行，不支持断言。要排除前面的字，把它写成非捕获前缀、把要找的词写成捕获组，如 (?:^|[^招投])(标会)（否定表述从捕获组算起）；要排除后面的字，写成 标会(?:[^员]|$)，或另加一个 not 条件`, en: (p) => `regular expressions cannot use lookaround "${p.detail}": pack patterns run on the linear-time RE2 engine, which has none. To exclude a preceding character, write it as a non-capturing prefix and the words as a capturing group, e.g. (?:^|[^招投])(标会) (negation is looked for from the group); to exclude a following one, write 标会(?:[^员]|$), or add a "not" condition` },
  'regex-backreference': { zh: (p) => `正则表达式不能使用反向引用“${p.detail}”：RE2 引擎不支持；请把要重复的内容直接写出，如 (ab)\\1 写成 abab`, en: (p) => `regular expressions cannot use the back-reference "${p.detail}": RE2 has none; write the repeated text out, e.g. abab for (ab)\\1` },
  'regex-too-complex': { zh: (p) => `正则表达式展开后过于复杂（RE2 程序规模 ${p.detail}），请减少嵌套的重复次数，如把 (a{1,5}){1,5} 写成 a{1,25}`, en: (p) => `regular expression too complex once expanded (RE2 program size ${p.detail}); nest fewer counted repetitions, e.g. a{1,25} for (a{1,5}){1,5}` },
  'regex-not-normalised': { zh: (p) => `正则表达式中的“${p.char}”永远匹配不到：文字在匹配前已统一为小写、半角并去掉空白${p.suggestion ? `，请改为“${p.suggestion}”` : '，请删去'}`, en: (p) => `"${p.char}" in the regular expression can never match: text is lower-cased, made half-width and stripped of white space before matching${p.suggestion ? `; write "${p.suggestion}"` : '; remove it'}` },
  'unknown-pattern': { zh: (p) => `重点行为“${p.pattern}”不在 pack.json 的 patterns 词表中`, en: (p) => `pattern "${p.pattern}" is not in the vocabulary of pack.json patterns` },
  'duplicate-pattern': { zh: (p) => `重点行为“${p.pattern}”重复定义`, en: (p) => `pattern "${p.pattern}" is defined twice` },
  'tier-order': { zh: (p) => `预警阈值必须从红到蓝依次降低：${p.detail}`, en: (p) => `tier thresholds must fall from red to blue: ${p.detail}` },
  'weights-zero': { zh: () => '四个维度的权重不能全为0', en: () => 'the four weights cannot all be 0' },
  'disposition-not-in-ladder': { zh: (p) => `处置建议“${p.disposition}”不在 pack.json 的 dispositionLadder 中`, en: (p) => `disposition "${p.disposition}" is not in pack.json dispositionLadder` },
  'duplicate-in-ladder': { zh: (p) => `dispositionLadder 中“${p.disposition}”重复`, en: (p) => `"${p.disposition}" appears twice in dispositionLadder` },
  'unreachable-threshold': { zh: (p) => `阈值永远达不到：${p.detail}`, en: (p) => `threshold can never be reached: ${p.detailEn ?? p.detail}` },
  'never-fires': { zh: (p) => `规则永远不会触发：${p.detail}`, en: (p) => `rule can never fire: ${p.detailEn ?? p.detail}` },
  'contradictory-group': { zh: (p) => `条件组永远不成立：${p.detail}`, en: (p) => `condition group can never hold: ${p.detailEn ?? p.detail}` },
  'empty-group': { zh: (p) => `“${p.kind}”为空列表`, en: (p) => `"${p.kind}" is an empty list` },
  'invalid-dated-figure': { zh: (p) => `按日期取值的口径有误：${p.detail}`, en: (p) => `dated figure: ${p.detailEn ?? p.detail}` },
  'unknown-figure': { zh: (p) => `规则名称中的“${p.placeholder}”不是 pack.json datedFigures 中的口径（可用：${p.allowed}）`, en: (p) => `"${p.placeholder}" in the rule name is not a figure of pack.json datedFigures (allowed: ${p.allowed})` },
  'file-unreadable': { zh: (p) => `无法读取文件：${p.detail}`, en: (p) => `cannot read the file: ${p.detail}` },
}

/** The Chinese and English texts of an issue code. */
export const messageFor = (code: string, params: Params = {}): { message: string; messageEn: string } => {
  const m = MESSAGES[code]
  if (!m) return { message: code, messageEn: code }
  return { message: m.zh(params), messageEn: m.en(params) }
}

/** Levenshtein distance, for "did you mean" suggestions. */
const distance = (a: string, b: string): number => {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1))
      previous = current
    }
  }
  return row[b.length]!
}

/** The closest candidate within a small edit distance, if any. */
export const suggest = (word: string, candidates: readonly string[]): string | undefined => {
  let best: string | undefined
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase())
    if (d < bestDistance) {
      best = c
      bestDistance = d
    }
  }
  return best
}
