import { defineModule } from '../module'
import { workspaceDoc } from './docs'
import { workspacePolicies } from './policies'

export { workspaceDoc } from './docs'
export { workspacePolicies } from './policies'

/** The personal workspace: each member of staff's own notes and to-dos, a live document. */
export const workspace = defineModule({
  name: 'workspace',
  policies: Object.values(workspacePolicies),
  audit: [{ area: 'workspace', docTypes: ['workspace'] }],
  docTypes: [workspaceDoc],
})
