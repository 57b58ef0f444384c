// A one-line progress bar on stderr (redrawn in place on a terminal, one line per step otherwise).

export interface Progress {
  /** Marks `done` of `total` units of the current step. */
  update(done: number): void
  /** Finishes the step with its elapsed time. */
  finish(): void
}

const WIDTH = 30

export function startProgress(label: string, total: number): Progress {
  const started = performance.now()
  const tty = process.stderr.isTTY === true
  const render = (done: number, final: boolean) => {
    const share = total > 0 ? Math.min(1, done / total) : 1
    const filled = Math.round(share * WIDTH)
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    const line = `${label.padEnd(28)} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${seconds}s`
    if (tty) process.stderr.write(`\r${line}${final ? '\n' : ''}`)
    else if (final) process.stderr.write(`${line}\n`)
  }
  render(0, false)
  return {
    update: (done) => render(done, false),
    finish: () => render(total, true),
  }
}

export function note(message: string): void {
  process.stderr.write(`${message}\n`)
}
