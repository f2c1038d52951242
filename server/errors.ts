import type { Message, MessageId, MessageParams } from '../domain/i18n/catalogue'
import { SOURCE_LOCALE } from '../domain/i18n/locales'
import { translatorFor } from '../domain/i18n/translator'

/**
 * Named error factories with stable codes. Their texts are message ids of the catalogue (with
 * parameters), never rendered text: `app.onError` renders them in the request's language into
 * `{"error":{"code","message","messageId","params"?,"fields"?,"fieldMessages"?}}` with the
 * matching status.
 */

/** A message by its id alone, or with its parameters. */
export type MessageRef = MessageId | Message

/** The message a reference names. */
export const messageOf = (ref: MessageRef): Message => (typeof ref === 'string' ? { id: ref } : ref)

/** A message with parameters. @example msg('errors.field.tooLong', { max: 200 }) */
export const msg = (id: MessageId, params?: MessageParams): Message => (params ? { id, params } : { id })

/** Each bad field's message, by its path (`guardians.0.phone`). */
export type FieldMessages = Record<string, MessageRef>

export class AppError extends Error {
  /** What went wrong, as a catalogue message (rendered per reader). */
  readonly msg: Message
  /** Each bad field's message, by path. */
  readonly fields?: Readonly<Record<string, Message>>
  constructor(
    readonly status: number,
    readonly code: string,
    message: MessageRef,
    fields?: FieldMessages,
    readonly headers?: Record<string, string>,
    /** Extra top-level data inside `error` (e.g. the possible duplicates). */
    readonly extra?: Record<string, unknown>,
  ) {
    const m = messageOf(message)
    // the English text stays the Error's own message: logs and the audit trail's refusal reasons
    super(translatorFor(SOURCE_LOCALE).render(m))
    this.msg = m
    if (fields) this.fields = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, messageOf(v)]))
  }
}

export const ValidationError = (fields: FieldMessages, message: MessageRef = 'errors.validation.invalid') =>
  new AppError(400, 'validation_error', message, fields)
export const BadRequestError = (message: MessageRef) => new AppError(400, 'bad_request', message)
export const AuthenticationError = (message: MessageRef = 'errors.auth.signInFirst') =>
  new AppError(401, 'unauthenticated', message)
export const InvalidCredentialsError = () => new AppError(401, 'invalid_credentials', 'errors.auth.invalidCredentials')
export const AuthorizationError = (message: MessageRef = 'errors.forbidden') => new AppError(403, 'forbidden', message)
export const CsrfError = () => new AppError(403, 'csrf', 'errors.csrf')
/** 404; `message` names what was not found (`errors.notFound.client`). */
export const NotFoundError = (message: MessageRef = 'errors.notFound') => new AppError(404, 'not_found', message)
export const ConflictError = (message: MessageRef, fields?: FieldMessages) => new AppError(409, 'conflict', message, fields)
export const PayloadTooLargeError = (limit: number) =>
  new AppError(413, 'payload_too_large', msg('errors.payloadTooLarge', { limit }))
export const TooManyRequestsError = (retryAfterSeconds: number) =>
  new AppError(429, 'too_many_requests', msg('errors.tooManyRequests', { seconds: retryAfterSeconds }), undefined, {
    'Retry-After': String(retryAfterSeconds),
  })
