import type { setup as source } from '../en/setup'

export const setup: Record<keyof typeof source, string> = {
  'setup.error.sameGroup': 'Выберите другую группу: участник уже в этой',
  'setup.error.alreadyOffered': 'Этому клиенту место уже предложено',
  'setup.error.noFreePlace': 'В группе нет свободного места',
  'setup.error.roomNotBookable': 'Этот зал в архиве или недоступен для бронирования',
}
