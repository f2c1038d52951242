import { isMessageId, type MessageParams } from '../../../domain/i18n/catalogue'
import { currentLocale, t } from '../i18n/locale'
import { waitParams } from './retry-wait'

/**
 * Typed fetch wrappers for /api. Every request says the tab's language (`Accept-Language`), so the
 * server's messages come back in it. Every failure becomes an ApiError carrying the server's
 * `{"error":{"code","message","messageId","fields","fieldMessages"}}` (its messages rendered again
 * in the language shown when read), the status and, for 429, Retry-After seconds.
 */

/** A message as the server names it: a catalogue id and its parameters. */
export interface ServerMessage {
  id: string
  params?: Record<string, unknown>
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Each bad field's text as the server rendered it (in the language the request asked for). */
    private readonly renderedFields: Record<string, string> = {},
    readonly retryAfter: number | null = null,
    readonly requestId: string | null = null,
    /** The same as catalogue messages: rendered again in the language shown now. */
    readonly messages: { message?: ServerMessage; fields?: Record<string, ServerMessage> } = {},
  ) {
    super(message)
    this.name = 'ApiError'
  }

  /**
   * Each bad field's message in the language shown now (from the server's message ids; its
   * rendered text for an id this client does not know).
   */
  get fields(): Record<string, string> {
    const out: Record<string, string> = { ...this.renderedFields }
    for (const [field, m] of Object.entries(this.messages.fields ?? {})) {
      const text = render(m)
      if (text !== null) out[field] = text
    }
    return out
  }

  /**
   * A message fit for the person in front of the screen: the server's (by its message id, in the
   * language shown now; else as the server rendered it), else our own from the catalogue.
   */
  get userMessage(): string {
    if (this.status === 429 && this.retryAfter !== null) return t('common.error.tooMany', waitParams(this.retryAfter))
    const own = this.messages.message ? render(this.messages.message) : null
    if (this.code === 'invalid_credentials') return own ?? (this.message || t('auth.login.wrong'))
    if (this.status === 403 && this.code === 'forbidden') return own ?? (this.message || t('common.error.forbidden'))
    return own ?? (this.message || t('common.error.unexpected'))
  }
}

/** A server message in the language shown, or null when this client's catalogue lacks it (or its parameters). */
function render(m: ServerMessage): string | null {
  if (!isMessageId(m.id)) return null
  try {
    return t(m.id, m.params as MessageParams | undefined)
  } catch {
    return null
  }
}

const isServerMessage = (v: unknown): v is ServerMessage =>
  typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string'

type Listener = (error: ApiError) => void
const unauthenticatedListeners = new Set<Listener>()

/**
 * Called when a signed-in call comes back 401 (session expired or ended elsewhere).
 * Returns a disposer.
 */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener)
  return () => unauthenticatedListeners.delete(listener)
}

export type Query = Record<string, string | number | boolean | null | undefined>

/** `/api/audit/log` + `{ actor: 'owner', cursor: undefined }` → `/api/audit/log?actor=owner` */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

/** Parses a failed response into an ApiError, whatever its body. */
export async function toApiError(res: Response): Promise<ApiError> {
  const retry = res.headers.get('retry-after')
  const retryAfter = retry !== null && /^\d+$/.test(retry) ? Number(retry) : null
  let body: unknown = null
  try {
    body = await res.json()
  } catch {
    // not JSON (a proxy's HTML page, an empty body): fall back to the status
  }
  const err = (
    body as {
      error?: { code?: unknown; message?: unknown; messageId?: unknown; params?: unknown; fields?: unknown; fieldMessages?: unknown; requestId?: unknown }
    } | null
  )?.error
  if (err && typeof err.code === 'string') {
    const fieldMessages =
      err.fieldMessages && typeof err.fieldMessages === 'object'
        ? Object.fromEntries(Object.entries(err.fieldMessages).filter(([, m]) => isServerMessage(m)))
        : undefined
    const message = typeof err.messageId === 'string' ? { id: err.messageId, params: err.params as Record<string, unknown> | undefined } : undefined
    return new ApiError(
      res.status,
      err.code,
      typeof err.message === 'string' ? err.message : res.statusText,
      err.fields && typeof err.fields === 'object' ? (err.fields as Record<string, string>) : {},
      retryAfter,
      typeof err.requestId === 'string' ? err.requestId : res.headers.get('x-request-id'),
      { message, fields: fieldMessages },
    )
  }
  const message =
    res.status >= 500
      ? t('common.error.server', { status: res.status })
      : t('common.error.request', { status: res.status, statusText: res.statusText })
  return new ApiError(res.status, 'http_error', message, {}, retryAfter, res.headers.get('x-request-id'))
}

/**
 * Calls the API. Resolves to the parsed JSON (undefined for 204), rejects with ApiError.
 * @example const { items } = await api<{ items: User[] }>('GET', '/api/users')
 */
export async function api<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown, init: { signal?: AbortSignal; quiet401?: boolean } = {}): Promise<T> {
  let res: Response
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'accept-language': currentLocale(),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: init.signal,
    })
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e
    throw new ApiError(0, 'network', t('common.error.network'))
  }
  if (!res.ok) {
    const error = await toApiError(res)
    if (res.status === 401 && error.code === 'unauthenticated' && !init.quiet401) for (const l of unauthenticatedListeners) l(error)
    throw error
  }
  if (res.status === 204) return undefined as T
  const text = await res.text()
  return (text ? JSON.parse(text) : undefined) as T
}

/**
 * Splits a validation error's fields into those a form shows beside an input (keyed by the
 * first path segment: `equipment.0` → `equipment`) and the rest, shown as a form-level message.
 */
export function formErrors(fields: Record<string, string>, known: readonly string[]): { byField: Record<string, string>; other: string[] } {
  const byField: Record<string, string> = {}
  const other: string[] = []
  for (const [key, message] of Object.entries(fields)) {
    const head = key.split('.')[0]
    if (known.includes(head)) byField[head] ??= message
    else other.push(key === '_' ? message : `${key}: ${message}`)
  }
  return { byField, other }
}
