import { createRouter } from '../../../http/openapi'

/** The visit routes: check-ins, a client's passes, freezes (one pass, a group, a branch) and make-up credits. */
export const visitRoutes = createRouter()
