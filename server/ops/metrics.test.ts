import perfHooks from 'node:perf_hooks'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMetrics } from './metrics'

describe('process metrics', () => {
  afterEach(() => vi.restoreAllMocks())

  it('sample the event loop delay at most every 100 ms (each sample wakes an idle process: ~80 µs of CPU on a small VM)', () => {
    const spy = vi.spyOn(perfHooks, 'monitorEventLoopDelay')
    createMetrics({ db: null as never, version: 't', instanceId: 'i', realtime: () => null })
    expect(spy).toHaveBeenCalled()
    for (const [opts] of spy.mock.calls) expect(opts?.resolution ?? 10).toBeGreaterThanOrEqual(100)
  })
})
