import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { BenchContext, Target } from '../lib/context'
import { freePort, ROOT } from '../lib/servers'

/**
 * "A week of 30 rooms × 7 days × 14 hours renders in < 100 ms after the data arrives": the timetable
 * UI engineers' own Playwright spec (bench/timetable/timetable-render.spec.ts) in the system Chromium
 * (/usr/bin/chromium or CHROMIUM_PATH; Playwright never downloads a browser here), on its own port
 * (the e2e server: built client, fresh embedded database). The spec writes 2,940 lessons into a week
 * document, opens the week view and prints the `timetable-render` figures on a `TIMETABLE_RENDER {…}`
 * line, which is recorded here as is. The page only leaves performance marks
 * (client/src/data/timetable-marks.ts); the probe the spec injects (./render-probe.ts) measures from
 * them. Each measure runs from the data's arrival (the week document's update as Yjs starts applying
 * it, the projection's last byte) to the next frame painted after the grid showed it;
 * `medianScreenMax` leaves out Yjs's own work on the document's update (decoding it, re-encoding it
 * for its 'update' event).
 */

const SPEC = 'bench/timetable/timetable-render.spec.ts'

function runPlaywright(
  port: number,
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const t0 = performance.now()
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'node_modules/@playwright/test/cli.js'),
        'test',
        '-c',
        'bench/timetable/playwright.config.ts',
        'timetable-render.spec.ts',
        '--reporter=list',
        '--workers=1',
      ],
      {
        cwd: ROOT,
        env: { ...process.env, E2E_PORT: String(port), E2E_BENCH: '1', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', CI: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (b: Buffer) => (stdout = (stdout + b.toString()).slice(-200_000)))
    child.stderr.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-20_000)))
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr, ms: performance.now() - t0 })
    })
  })
}

export async function runTimetableRender(ctx: BenchContext) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (!existsSync(join(ROOT, SPEC)))
    return {
      skipped: `${SPEC} does not exist`,
      targets: [{ what: 'timetable week render (browser)', limit: '< 100 ms', measured: 'not measured: no spec', pass: null }],
    }
  if (!existsSync(chromium))
    return {
      skipped: `no Chromium at ${chromium}`,
      targets: [
        { what: 'timetable week render (browser)', limit: '< 100 ms', measured: 'not measured: no Chromium', pass: null },
      ],
    }
  const port = await freePort()
  ctx.log(`timetable-render: playwright ${SPEC} on port ${port} (builds the client first if it changed)`)
  const r = await runPlaywright(port, 300_000)
  const line = r.stdout.split('\n').find((l) => l.includes('TIMETABLE_RENDER '))

  const fig: Record<string, any> | null = line
    ? JSON.parse(line.slice(line.indexOf('TIMETABLE_RENDER ') + 'TIMETABLE_RENDER '.length))
    : null
  const passed = /\b1 passed\b/.test(r.stdout)
  const raw: number | null = fig ? (fig.medianMax ?? fig.max ?? null) : null
  const normalised: number | null = fig ? (fig.medianNormalisedMax ?? fig.normalisedMax ?? null) : null
  const runs = fig?.runs as Array<{ measures: number[]; calibrationMs: number }> | undefined
  const calibration = runs ? runs.map((x) => x.calibrationMs) : fig?.calibrationMs !== undefined ? [fig.calibrationMs] : []
  const targets: Target[] = [
    {
      what: `render a week of ${fig?.rooms ?? 30} rooms × 7 days × 14 hours (${fig?.lessons ?? '2,940'} lessons) after the data arrived, slowest \`timetable-render\` measure${runs ? ` per page load, median of ${runs.length}` : ''}`,
      limit: '< 100 ms',
      measured:
        raw === null
          ? `not measured (spec ${passed ? 'passed' : 'failed'} without a figure)`
          : `${raw} ms (calibration loop ${calibration.join(' / ')} ms, ~10 on an idle core)`,
      pass: raw === null ? false : raw < 100,
    },
    {
      what: "… the same without Yjs decoding the week document (the document library's part; informative)",
      limit: '< 100 ms',
      measured: fig?.medianScreenMax === undefined ? '—' : `${fig.medianScreenMax} ms`,
      pass: null,
    },
    {
      what: "… the week document's whole arrival (it comes in slices of 64 KiB): from its first message to the week editable and painted (informative)",
      limit: 'info',
      measured: fig?.medianDocumentWholeMs == null ? '—' : `${fig.medianDocumentWholeMs} ms`,
      pass: null,
    },
    {
      what: '… the longest main-thread task while the week loads: how long the page cannot take input (informative)',
      limit: 'info',
      measured: fig?.medianLongestTaskMs == null ? '—' : `${fig.medianLongestTaskMs} ms`,
      pass: null,
    },
    {
      what: '… the same, scaled by the calibration loop (how it would be on an idle core; informative, not the target)',
      limit: 'info',
      measured: normalised === null ? '—' : `${normalised} ms`,
      pass: null,
    },
  ]
  return {
    spec: SPEC,
    chromium,
    spec_passed: passed,
    exit_code: r.code,
    wall_s: Math.round(r.ms / 100) / 10,
    figures: fig,
    output_tail: fig ? undefined : (r.stdout + '\n' + r.stderr).slice(-3000),
    targets,
  }
}
