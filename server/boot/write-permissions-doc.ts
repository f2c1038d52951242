import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../paths'
import { MODULES } from '../modules/index'
import { PERMISSIONS_DOC, permissionsDoc } from './permissions-doc'

/** `npm run docs:permissions`: writes docs/PERMISSIONS.md from every module's policies. */
writeFileSync(join(ROOT, PERMISSIONS_DOC), await permissionsDoc(MODULES))
console.log(`wrote ${PERMISSIONS_DOC}`)
