/*
 * The line a person starting the server reads: where to open the console. The server's own log is JSON on
 * stdout for machines; this goes to stderr, in Chinese and English, once the server listens.
 */

/** The addresses to open, once the server listens at `url` (`http://host:port`). */
export const readyNotice = (url: string, withStore: boolean): string =>
  [
    `chufei-api 已启动 / listening: ${url}`,
    `  控制台 console:   ${url}/console/${withStore ? '' : '（未开案件库，只有规则页面 / no case store: the analyst pages only）'}`,
    `  接口文档 API docs: ${url}/docs`,
    '',
  ].join('\n')
