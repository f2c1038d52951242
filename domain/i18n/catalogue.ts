import { en } from './messages/en/index'

/** A message's stable id (the English catalogue's keys). */
export type MessageId = keyof typeof en

/** One language's catalogue: an ICU MessageFormat text for every id. */
export type Catalogue = Record<MessageId, string>

/** A message's parameters: text, numbers, dates (formatted in the reader's language). */
export type MessageParams = Record<string, string | number | Date | null | undefined>

/**
 * A message as it is stored and sent: its kind and its parameters, never the rendered text, so
 * each reader sees it in their own language (alerts, audit and change descriptions, errors).
 */
export interface Message {
  id: MessageId
  params?: MessageParams
}

export function isMessageId(id: unknown): id is MessageId {
  return typeof id === 'string' && Object.hasOwn(en, id)
}
