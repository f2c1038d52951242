import type { Server } from 'node:http'
import type { AppDeps } from '../http/context'
import { attachCollab, type Collab } from './collab/server'
import { attachSocket, type LiveEvents } from './socket/server'

/** Socket.IO and the /yjs document server, attached to the one HTTP server. */
export interface Realtime {
  collab: Collab
  socket: LiveEvents
  close(): Promise<void>
}

/** Attaches the live parts to the HTTP server: /yjs/<doc> (y-websocket) and /socket.io. */
export async function attachRealtime(http: Server, deps: AppDeps): Promise<Realtime> {
  const collab = await attachCollab(http, deps, { syncSliceBytes: deps.config.COLLAB_SYNC_SLICE_BYTES })
  const socket = await attachSocket(http, deps)
  return {
    collab,
    socket,
    async close() {
      await socket.close()
      await collab.close()
    },
  }
}
