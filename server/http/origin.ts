import type { Config } from '../env'

/**
 * The origin a browser uses to reach us: PUBLIC_URL's when set, else the request's own. The CSRF
 * guard (app.ts), the document server's upgrade check and the socket handshake compare with it.
 * @example ownOrigin(config, 'http://crm.local:3000/api/x') // 'http://crm.local:3000' without PUBLIC_URL
 */
export function ownOrigin(config: Pick<Config, 'PUBLIC_URL'>, url: string): string {
  return config.PUBLIC_URL ? new URL(config.PUBLIC_URL).origin : new URL(url).origin
}
