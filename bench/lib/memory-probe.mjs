// Loaded with `node --import <this file>` into a server under study: on SIGUSR2 it prints one line
// `MEMORY {json}` to stderr (process.memoryUsage, V8 heap spaces) and, when MEMORY_PROBE_SNAPSHOT
// names a file, writes a heap snapshot there first.
import v8 from 'node:v8'

process.on('SIGUSR2', () => {
  const snapshot = process.env.MEMORY_PROBE_SNAPSHOT ? v8.writeHeapSnapshot(process.env.MEMORY_PROBE_SNAPSHOT) : null
  const usage = process.memoryUsage()
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, s.space_used_size]))
  process.stderr.write('MEMORY ' + JSON.stringify({ ...usage, spaces, snapshot }) + '\n')
})
