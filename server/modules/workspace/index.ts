import { defineModule } from '../module'
import { workspaceDoc } from './docs'
import { workspacePolicies } from './policies'
import { users } from '../../../db/schema/index'
import { tableLabels } from '../audit/index'

export { workspaceDoc } from './docs'
export { workspacePolicies } from './policies'

/** The personal workspace: each member of staff's own notes and to-dos, a live document. */
export const workspace = defineModule({
  name: 'workspace',
  policies: Object.values(workspacePolicies),
  // a workspace is named by its owner's name
  audit: [{ area: 'workspace', docTypes: ['workspace'], labels: { workspace: tableLabels(users, users.id, users.name) } }],
  docTypes: [workspaceDoc],
})
