// A small TCP proxy in front of several Clubroom instances, for trying a two-instance set-up
// (docs/OPERATIONS.md, "Running two instances behind a proxy") where nginx is not installed.
// TCP level: HTTP, the /yjs WebSockets and Socket.IO pass through untouched. Each client address
// sticks to one instance (Socket.IO's long-polling fallback needs that, as nginx's ip_hash gives);
// an instance whose /readyz fails (shutting down, database or Redis away) takes no new connection,
// and a refused connection is tried on the next instance.
//
//   node scripts/proxy.mjs --listen 8080 --backend 127.0.0.1:3001 --backend 127.0.0.1:3002 [--host 127.0.0.1]
//
// It listens on 127.0.0.1 unless told otherwise: it adds no X-Forwarded-For, so to the instances
// everything it passes on comes from this machine (/metrics included). In production use nginx.
import { createHash } from 'node:crypto'
import { connect, createServer } from 'node:net'
import { request } from 'node:http'
import { fileURLToPath } from 'node:url'

/**
 * Starts the proxy; resolves once it listens.
 * @param {{ listen: number, host?: string, backends: string[], healthMs?: number, log?: (line: string) => void }} opts
 * @returns {Promise<{ port: number, healthy: () => string[], close: () => Promise<void> }>}
 */
export async function startProxy({ listen, host = '127.0.0.1', backends, healthMs = 1000, log = () => {} }) {
  const targets = backends.map((b) => {
    const [h, p] = b.split(':')
    return { name: b, host: h, port: Number(p), up: true }
  })
  const sockets = new Set()

  const check = (t) =>
    new Promise((resolve) => {
      const req = request({ host: t.host, port: t.port, path: '/readyz', timeout: Math.max(500, healthMs) }, (res) => {
        res.resume()
        resolve(res.statusCode === 200)
      })
      req.on('timeout', () => req.destroy())
      req.on('error', () => resolve(false))
      req.end()
    })
  const mark = (t, up) => {
    if (t.up !== up) log(`${t.name} ${up ? 'is ready' : 'is not ready'}`)
    t.up = up
  }
  const timer = setInterval(() => {
    for (const t of targets) void check(t).then((up) => mark(t, up))
  }, healthMs)
  timer.unref()

  /** The instances to try for a client, its own first (a hash of its address), the ready ones before the others. */
  const order = (address) => {
    const start = createHash('sha1').update(String(address)).digest().readUInt32BE(0) % targets.length
    const ring = targets.map((_, i) => targets[(start + i) % targets.length])
    return [...ring.filter((t) => t.up), ...ring.filter((t) => !t.up)]
  }

  const server = createServer((client) => {
    sockets.add(client)
    client.on('close', () => sockets.delete(client))
    client.on('error', () => client.destroy())
    client.pause()
    const tries = order(client.remoteAddress)
    const attempt = (i) => {
      if (i >= tries.length || client.destroyed) return client.destroy()
      const t = tries[i]
      const upstream = connect({ host: t.host, port: t.port })
      upstream.once('error', () => {
        mark(t, false)
        upstream.destroy()
        attempt(i + 1)
      })
      upstream.once('connect', () => {
        sockets.add(upstream)
        upstream.on('close', () => sockets.delete(upstream))
        upstream.removeAllListeners('error')
        upstream.on('error', () => client.destroy())
        client.on('close', () => upstream.destroy())
        upstream.on('close', () => client.destroy())
        client.pipe(upstream)
        upstream.pipe(client)
        client.resume()
      })
    }
    attempt(0)
  })
  await new Promise((resolve) => server.listen(listen, host, resolve))
  const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port
  log(`listening on ${host}:${port}, instances ${targets.map((t) => t.name).join(', ')}`)
  return {
    port,
    healthy: () => targets.filter((t) => t.up).map((t) => t.name),
    close: () =>
      new Promise((resolve) => {
        clearInterval(timer)
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  const backends = []
  let listen = 8080
  let host = '127.0.0.1'
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--backend') backends.push(args[++i])
    else if (args[i] === '--listen') listen = Number(args[++i])
    else if (args[i] === '--host') host = args[++i]
  }
  if (!backends.length) {
    console.error('usage: node scripts/proxy.mjs --listen 8080 --backend 127.0.0.1:3001 --backend 127.0.0.1:3002')
    process.exit(2)
  }
  await startProxy({ listen, host, backends, log: (line) => console.log(`[proxy] ${line}`) })
}
