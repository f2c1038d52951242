import { z } from '@hono/zod-openapi'
import type { MakeUpCandidate, MakeUpCreditView } from './queries/make-up'

/** An open make-up credit, with the cancelled lesson it came from (its day and time in its branch's zone). */
export const MakeUpCreditSchema = z
  .object({
    id: z.number().int(),
    activityId: z.string(),
    activity: z.string().nullable(),
    createdAt: z.string(),
    fromLessonId: z.string(),
    fromLesson: z.object({
      id: z.string(),
      branchId: z.string().nullable(),
      timezone: z.string().nullable().openapi({ description: 'The branch’s IANA time zone: `on` and `time` are in it' }),
      startsAt: z.string().nullable(),
      on: z.string().nullable().openapi({ description: '`YYYY-MM-DD` in the branch’s time zone' }),
      time: z.string().nullable().openapi({ description: '`HH:MM` in the branch’s time zone' }),
      groupId: z.string().nullable(),
      group: z.string().nullable(),
    }),
  })
  .openapi('MakeUpCredit')

export const presentMakeUpCredit = (c: MakeUpCreditView): z.infer<typeof MakeUpCreditSchema> => c

export const MakeUpCandidatesSchema = z
  .object({
    clients: z.array(z.object({ clientId: z.string(), name: z.string(), credits: z.array(MakeUpCreditSchema) })),
  })
  .openapi('MakeUpCandidates')

export const presentMakeUpCandidates = (clients: MakeUpCandidate[]): z.infer<typeof MakeUpCandidatesSchema> => ({
  clients: clients.map((c) => ({ clientId: c.clientId, name: c.name, credits: c.credits.map(presentMakeUpCredit) })),
})
