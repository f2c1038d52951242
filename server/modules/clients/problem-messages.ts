import type { MessageId } from '../../../domain/i18n/catalogue'

/**
 * The registration rules (domain/clients/rules.ts, shared with the client's forms) name their
 * problems in English; the server answers with the catalogue's messages for them, so that the
 * error reaches each reader in their language. A text the table does not know (a rule added
 * later) becomes the generic "Invalid value", never the English text.
 */
const BY_TEXT: Readonly<Record<string, MessageId>> = {
  'First name is required': 'errors.clients.firstNameRequired',
  'Last name is required': 'errors.clients.lastNameRequired',
  'Birth date is required': 'errors.clients.birthDateRequired',
  'Not a phone number': 'errors.clients.phoneInvalid',
  'Not an email address': 'errors.clients.emailInvalid',
  'Email is required': 'errors.clients.emailRequired',
  'Consent to data processing is required': 'errors.clients.consentRequired',
  'Lead source is required': 'errors.clients.sourceRequired',
  'Guardian name is required': 'errors.clients.guardianNameRequired',
  'Relation is required': 'errors.clients.relationRequired',
  'Guardian phone is required': 'errors.clients.guardianPhoneRequired',
  'A client under 18 needs at least one guardian': 'errors.clients.guardianNeeded',
  'A phone number (the client’s or a guardian’s) is required': 'errors.clients.phoneRequired',
  'Use the format YYYY-MM-DD': 'errors.clients.dateFormat',
  'Not a real date': 'errors.clients.dateNotReal',
  'Birth date before 1900': 'errors.clients.birthDateBefore1900',
  'Birth date is in the future': 'errors.clients.birthDateFuture',
}

/** A rule's problem as a catalogue message id. */
export const problemMessage = (text: string): MessageId => BY_TEXT[text] ?? 'errors.field.invalid'

/** Each field's problem as a catalogue message id. */
export function problemMessages(problems: Readonly<Record<string, string>>): Record<string, MessageId> {
  return Object.fromEntries(Object.entries(problems).map(([field, text]) => [field, problemMessage(text)]))
}
