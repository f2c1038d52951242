import { OpenAPIHono, z } from '@hono/zod-openapi'
import type { ZodType } from 'zod'
import { isMessageId, type Message, type MessageId, type MessageParams } from '../../domain/i18n/catalogue'
import { ValidationError, msg } from '../errors'
import type { AppEnv } from './context'
import { badStrings } from './input-strings'
import { Uuid } from './values'

/** A zod issue, as much of it as the messages need. */
interface Issue {
  readonly code?: string
  readonly path: ReadonlyArray<PropertyKey>
  readonly message: string
  readonly origin?: string
  readonly maximum?: number | bigint
  readonly minimum?: number | bigint
  readonly expected?: string
  readonly format?: string
  readonly values?: readonly unknown[]
  readonly keys?: readonly string[]
  readonly params?: Record<string, unknown>
}

const LIST_ORIGINS = new Set(['array', 'set', 'map', 'file'])
const FORMATS: Record<string, MessageId> = {
  email: 'errors.field.email',
  uuid: 'errors.field.uuid',
  guid: 'errors.field.uuid',
  date: 'errors.field.dateFormat',
  datetime: 'errors.field.dateTimeFormat',
  time: 'errors.field.timeFormat',
}

/** The parameters a refinement gave its issue (numbers and text only: they reach ICU and JSON). */
function ownParams(params: Record<string, unknown> | undefined): MessageParams {
  const out: MessageParams = {}
  for (const [k, v] of Object.entries(params ?? {})) if (typeof v === 'string' || typeof v === 'number') out[k] = v
  return out
}

/**
 * A zod issue as a catalogue message: a schema's own message when it is a message id (`.min(1,
 * 'errors.auth.loginRequired')`, a refinement's `{ message: id, params }`), else by its kind and
 * bounds. Never the validator's own English text.
 */
export function issueMessage(issue: Issue): Message {
  const own = isMessageId(issue.message) ? issue.message : null
  const max = issue.maximum === undefined ? undefined : Number(issue.maximum)
  const min = issue.minimum === undefined ? undefined : Number(issue.minimum)
  const list = LIST_ORIGINS.has(issue.origin ?? '')
  switch (issue.code) {
    case 'too_big':
      return msg(
        own ?? (issue.origin === 'string' ? 'errors.field.tooLong' : list ? 'errors.field.tooManyItems' : 'errors.field.tooBig'),
        {
          max,
        },
      )
    case 'too_small':
      if (!own && issue.origin === 'string' && min === 1) return msg('errors.field.required')
      return msg(
        own ??
          (issue.origin === 'string' ? 'errors.field.tooShort' : list ? 'errors.field.tooFewItems' : 'errors.field.tooSmall'),
        {
          min,
        },
      )
    case 'invalid_type':
      if (own) return msg(own)
      // zod v4 keeps no input in its issues; its text says what it received
      if (/received undefined$/.test(issue.message)) return msg('errors.field.required')
      return msg('errors.field.wrongType', { expected: issue.expected === 'int' ? 'int' : (issue.expected ?? 'other') })
    case 'invalid_format':
      return msg(own ?? FORMATS[issue.format ?? ''] ?? 'errors.field.format')
    case 'invalid_value':
      return own ? msg(own) : msg('errors.field.option', { options: (issue.values ?? []).map(String).join(', ') })
    case 'unrecognized_keys':
      return msg('errors.field.unknownKeys', { keys: (issue.keys ?? []).join(', ') })
    case 'custom':
      return own ? msg(own, ownParams(issue.params)) : msg('errors.field.invalid')
    default:
      return msg(own ?? 'errors.field.invalid')
  }
}

/** Turns zod issues into `{ field: message }`, the `fields` of a 400 validation_error (the first issue per field). */
export function issuesToFields(issues: ReadonlyArray<Issue>): Record<string, Message> {
  const fields: Record<string, Message> = {}
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '_'
    if (!(key in fields)) fields[key] = issueMessage(issue)
  }
  return fields
}

/**
 * A router whose invalid input always becomes 400 validation_error naming each bad field. Every
 * parsed body, query and path parameter also passes the one string check (no NUL, no lone
 * surrogate, in values or keys): the raw input when the schema refused it, the parsed value when
 * it accepted it.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      const bad = badStrings((result as { data?: unknown }).data)
      if (!result.success) throw ValidationError({ ...issuesToFields(result.error.issues), ...bad })
      if (Object.keys(bad).length) throw ValidationError(bad)
    },
  })
}

/** A required JSON request body (required, so a wrong content type is refused, not skipped). */
export function jsonBody<T extends ZodType>(schema: T, description?: string) {
  return { body: { required: true, description, content: { 'application/json': { schema } } } }
}

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      /** In the request's language (Accept-Language, else the center's default). */
      message: z.string(),
      messageId: z.string(),
      params: z.record(z.string(), z.unknown()).optional(),
      /** Each bad field's message in the request's language, by path. */
      fields: z.record(z.string(), z.string()).optional(),
      /** The same as catalogue messages (id and parameters), for machines. */
      fieldMessages: z
        .record(z.string(), z.object({ id: z.string(), params: z.record(z.string(), z.unknown()).optional() }))
        .optional(),
      requestId: z.string().optional(),
    }),
  })
  .openapi('Error')

const err = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } })

/** A JSON response plus the error answers every protected route may give. */
export function responses<T extends ZodType>(status: 200 | 201, schema: T, description = 'OK') {
  return {
    [status]: { description, content: { 'application/json': { schema } } },
    400: err('Invalid input'),
    401: err('Not signed in'),
    403: err('Not allowed'),
    404: err('Not found'),
  } as const
}

export function noContent(description = 'Done') {
  return { 204: { description }, 400: err('Invalid input'), 401: err('Not signed in'), 403: err('Not allowed') } as const
}

/** Cookie auth scheme, declared once in the document. */
export const security = [{ session: [] as string[] }]

export const IdParam = z.object({ id: Uuid.openapi({ param: { name: 'id', in: 'path' } }) })
