import type { setup as source } from '../en/setup'

export const setup: Record<keyof typeof source, string> = {
  'setup.error.sameGroup': 'Ընտրեք այլ խումբ․ մասնակիցն արդեն այս խմբում է',
  'setup.error.alreadyOffered': 'Այս հաճախորդին տեղն արդեն առաջարկվել է',
  'setup.error.noFreePlace': 'Խմբում ազատ տեղ չկա',
  'setup.error.roomNotBookable': 'Այս սենյակը արխիվացված է կամ ամրագրման համար հասանելի չէ',
}
