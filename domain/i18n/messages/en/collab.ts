/**
 * Live documents (server/realtime/collab and client/src/data/live-doc.ts): what the document
 * server tells a connection (its notices) and why a connection was closed (English: the source).
 */
export const collab = {
  'collab.notice.readOnly': 'You may read this document but not change it; your edits are not saved.',
  'collab.notice.readWrite': 'You may edit this document now.',
  'collab.notice.resync': 'Some of your edits depend on changes the server has not seen; sending them again.',

  'collab.closed.sessionEnded': 'Your session has ended. Sign in again.',
  'collab.closed.accessChanged': 'Your access changed; reconnecting…',
  'collab.closed.badRequest': 'This document cannot be opened.',
  'collab.closed.forbidden': 'You may not open this document.',
  'collab.closed.noLongerAllowed': 'You may no longer open this document.',
  'collab.closed.gone': 'This document is no longer available.',
  'collab.closed.tooLarge': 'A change was too large to save. Reload the page; your last change may be lost.',
  'collab.closed.flood': 'Too many changes at once; reconnecting…',
  'collab.closed.malformed': 'The server did not understand what this page sent; reconnecting…',
  'collab.closed.unavailable': 'The server could not load or save this document; retrying…',
  'collab.closed.goingAway': 'The server is restarting; reconnecting…',

  'collab.refused.badName': 'This document cannot be opened: its name is not valid.',
  'collab.refused.unknownType': 'This document cannot be opened: there is no such kind of document.',
  'collab.refused.noSuchClient': 'This file cannot be opened: the client does not exist.',
  'collab.refused.clientErased': 'This client was erased: their file is gone.',
  'collab.refused.clientErasing': 'This client is being erased: their file cannot be opened.',
} as const
