import { z } from '@hono/zod-openapi'

type WithoutDefault<T> = T extends z.ZodDefault<infer Inner> ? Inner : T

/**
 * The schema of a change to what `schema` creates: every field optional and without its default.
 * Not `schema.partial()`: zod 4 fills an omitted field's default even when it is optional, so a
 * change naming one field would reset every field that has a default (an activity renamed would
 * lose its description, colour and norms).
 */
export function patchOf<S extends z.ZodRawShape>(
  schema: z.ZodObject<S>,
): z.ZodObject<{ [K in keyof S]: z.ZodOptional<WithoutDefault<S[K]>> }> {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [
      key,
      (field instanceof z.ZodDefault ? (field.removeDefault() as z.ZodType) : (field as z.ZodType)).optional(),
    ]),
  )
  return z.object(shape) as unknown as z.ZodObject<{ [K in keyof S]: z.ZodOptional<WithoutDefault<S[K]>> }>
}
