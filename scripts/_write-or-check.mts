import { writeFile } from 'node:fs/promises'

/**
 * What a generator script does with the file it makes: `--check` exits 1 when the file on disk (`current`)
 * is not what the generator would write (`next`), naming the command that regenerates it; otherwise writes it.
 */
export const writeOrCheck = async (o: { target: string; name: string; command: string; current: string; next: string }): Promise<void> => {
  if (process.argv.includes('--check')) {
    if (o.current !== o.next) {
      console.error(`${o.name} 已过期，请运行 ${o.command} / ${o.name} is out of date`)
      process.exit(1)
    }
    console.log(`${o.name} 是最新的 / is up to date`)
  } else {
    await writeFile(o.target, o.next)
    console.log(`已生成 / wrote ${o.target}`)
  }
}
