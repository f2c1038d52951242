import nodemailer from 'nodemailer'
import type { Config } from '../../../env'

/** One message with its attachments, as the center sends it. */
export interface OutgoingMail {
  to: string
  subject: string
  text: string
  attachments: Array<{ filename: string; content: Buffer; contentType: string }>
}

/** Hands messages to the SMTP server; resolves with the Message-ID it was given once accepted. */
export interface Mailer {
  from: string
  send(mail: OutgoingMail): Promise<{ messageId: string }>
}

const mailers = new Map<string, Mailer>()

/** The From when MAIL_FROM is not set: `clubroom@` the SMTP server's host. */
function defaultFrom(smtpUrl: string): string {
  const host = new URL(smtpUrl).hostname || 'localhost'
  return `Clubroom <clubroom@${host}>`
}

/**
 * The mailer of this configuration (SMTP_URL, MAIL_FROM), one per SMTP server and kept; null
 * without SMTP_URL: then the center's mail waits in the outbox.
 */
export function mailerOf(config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM'>): Mailer | null {
  const url = config.SMTP_URL
  if (!url) return null
  const from = config.MAIL_FROM ?? defaultFrom(url)
  const key = `${url}\n${from}`
  let mailer = mailers.get(key)
  if (!mailer) {
    // sent inside the sending command's transaction: a dead server must not hold it for minutes
    const transport = nodemailer.createTransport({
      url,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    })
    mailer = {
      from,
      async send(mail) {
        const info = await transport.sendMail({ from, ...mail })
        return { messageId: String(info.messageId ?? '') }
      },
    }
    mailers.set(key, mailer)
  }
  return mailer
}
