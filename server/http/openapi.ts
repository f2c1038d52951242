import { OpenAPIHono, z } from '@hono/zod-openapi'
import type { ZodType } from 'zod'
import { ValidationError } from '../errors'
import type { AppEnv } from './context'
import { badStrings } from './input-strings'
import { Uuid } from './values'

/** Turns zod issues into `{ field: message }`, the `fields` of a 400 validation_error. */
export function issuesToFields(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>) {
  const fields: Record<string, string> = {}
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '_'
    if (!(key in fields)) fields[key] = issue.message
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
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
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
