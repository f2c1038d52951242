import type { Server } from 'node:http'
import type { AppDeps } from '../../http/context'

/** Socket.IO live events on /socket.io. (Being built: Live documents issue.) */
export interface LiveEvents {
  close(): Promise<void>
}

export async function attachSocket(_http: Server, _deps: AppDeps): Promise<LiveEvents> {
  return { close: async () => {} }
}
