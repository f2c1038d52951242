import type { Server } from 'node:http'
import type { AppDeps } from '../http/context'
import type { CollabObserver } from './collab/observer'
import { attachCollab, type Collab } from './collab/server'
import { watchSessions, type SessionWatch } from './session-watch'
import { attachSocket, type LiveEvents, type SocketPorts } from './socket/server'

/** Socket.IO and the /yjs document server, attached to the one HTTP server. */
export interface Realtime {
  collab: Collab
  socket: LiveEvents
  /** Closes the connections of sessions that ended (expired, deleted) within about a second. */
  sessions: SessionWatch
  close(): Promise<void>
}

/** What the live parts need from the areas beyond `deps` (sessions, registry), built at boot (server/boot/realtime.ts). */
export type RealtimePorts = SocketPorts

/** Attaches the live parts to the HTTP server: /yjs/<doc> (y-websocket) and /socket.io, and the watch over their sessions. */
export async function attachRealtime(
  http: Server,
  deps: AppDeps,
  ports: RealtimePorts,
  /** Told about the document hub's updates and commits (the metrics). */
  collabObserver?: CollabObserver,
): Promise<Realtime> {
  const collab = await attachCollab(
    http,
    deps,
    { syncSliceBytes: deps.config.COLLAB_SYNC_SLICE_BYTES, commitIntervalMs: deps.config.COLLAB_COMMIT_INTERVAL_MS },
    collabObserver,
  )
  const socket = await attachSocket(http, deps, ports)
  // the areas' own namespaces (the wall), on the same Socket.IO server and adapter
  const parts = deps.registry.liveParts.map((part) => part(socket.io, deps))
  const sessions = watchSessions(deps, [collab, socket])
  return {
    collab,
    socket,
    sessions,
    async close() {
      await sessions.stop()
      await Promise.allSettled(parts.map((p) => p.close()))
      await socket.close()
      await collab.close()
    },
  }
}
