import { z } from '@hono/zod-openapi'
import { ROLES, type Actor } from '../../../domain/roles'
import { UserSchema, presentUser, type UserRow } from '../auth/index'
import { accountActions, givableBranchIds, grantableRoles } from './policies'
import { accountOf } from './queries'

export const AccountActionsSchema = z
  .object({
    edit: z.boolean().openapi({ description: 'May change its name and email' }),
    changeAccess: z.boolean().openapi({ description: 'May change its roles and branches' }),
    resetPassword: z.boolean().openapi({ description: 'May give it a new password' }),
    deactivate: z.boolean().openapi({ description: 'May deactivate it (it is active)' }),
    reactivate: z.boolean().openapi({ description: 'May reactivate it (it is inactive)' }),
  })
  .openapi('AccountActions', { description: 'What the viewer may do with this account (the server still checks each change)' })

/** A staff account as the Users page sees it: the account and what the viewer may do with it. */
export const StaffAccountSchema = UserSchema.extend({ actions: AccountActionsSchema }).openapi('StaffAccount')

export const StaffListSchema = z
  .object({
    items: z.array(StaffAccountSchema),
    grantable: z.array(z.enum(ROLES)).openapi({ description: 'The roles the viewer may give' }),
    givableBranchIds: z
      .array(z.string())
      .nullable()
      .openapi({ description: 'The branches the viewer may give and manage accounts in; null = any branch' }),
  })
  .openapi('StaffList')

/** An account with what this viewer may do with it, asked of the same policies the commands ask. */
export function presentAccount(
  viewer: Actor,
  row: UserRow,
  grantable = grantableRoles(viewer),
): z.infer<typeof StaffAccountSchema> {
  return { ...presentUser(row), actions: accountActions(viewer, accountOf(row), grantable) }
}

/** Every account, with what the viewer may do with each, the roles they may grant and the branches they may give. */
export function presentStaffList(viewer: Actor, rows: readonly UserRow[]): z.infer<typeof StaffListSchema> {
  // the viewer's grantable roles, asked once for the whole list
  const grantable = grantableRoles(viewer)
  return {
    items: rows.map((row) => presentAccount(viewer, row, grantable)),
    grantable,
    givableBranchIds: givableBranchIds(viewer),
  }
}
