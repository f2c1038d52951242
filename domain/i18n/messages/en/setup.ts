/** The center's setup screens: activities and norms, rooms, groups and enrolment, closures (English: the source). */
export const setup = {
  'setup.error.sameGroup': 'Choose another group: the member is already in this one',
  'setup.error.alreadyOffered': 'A place has already been offered to this client',
  'setup.error.noFreePlace': 'The group has no free place to offer',
  'setup.error.roomNotBookable': 'This room is archived or not bookable',
} as const
