import type { RunningServer } from '../../server/server'

export interface ApiResponse {
  status: number
  /** Parsed JSON, or the raw text when the body is not JSON (CSV, iCalendar). */
  data: any
  text: string
  headers: Headers
}

/**
 * A JSON caller for a running test server: sends the session cookie and the server's own Origin
 * (what a browser does), and the reader's language when given (else the server answers in the
 * center's default); parses the answer.
 * @example const call = apiCaller(server); await call('POST', '/api/clients', cookie, { … }, 'ru')
 */
export function apiCaller(server: RunningServer) {
  return async function call(
    method: string,
    path: string,
    cookie: string | null,
    json?: unknown,
    language?: string,
  ): Promise<ApiResponse> {
    const res = await fetch(server.url + path, {
      method,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(language ? { 'accept-language': language } : {}),
        origin: server.url,
      },
      body: json !== undefined ? JSON.stringify(json) : undefined,
    })
    const text = await res.text()
    let data: any = text
    try {
      data = text ? JSON.parse(text) : null
    } catch {
      /* not JSON */
    }
    return { status: res.status, data, text, headers: res.headers }
  }
}
