import { createRouter } from '../../../http/openapi'

/** Lesson cost, revenue with its VAT and margins; the overhead per hour. */
export const costRoutes = createRouter()
