import PDFDocument from 'pdfkit'
import { registerFaces } from './faces'

/**
 * A document's options that load no standard font: without it PDFKit reads and parses Helvetica's
 * metrics for every document (about 1 ms each), though ours never draws in it. registerFaces then
 * selects the regular face.
 */
const NO_STANDARD_FONT = { font: '' } as const

export type Pdf = InstanceType<typeof PDFDocument>

/** A document being drawn and its bytes, which resolve once `pdf.end()` is called. */
export interface OpenPdf {
  pdf: Pdf
  bytes: Promise<Buffer>
}

/**
 * A new PDF with our faces registered and `regular` selected (server/pdf/faces.ts), loading no
 * standard font, its bytes gathered as they are written. Every document we make starts here.
 * `waits`: the document is drawn across waits (the audit report reads the trail in batches) and
 * reads its own faces.
 * @example const { pdf, bytes } = openPdf({ size: 'A4', margin: 50, lang, info: { Title } }); …; pdf.end(); return bytes
 */
export function openPdf(options: PDFKit.PDFDocumentOptions, o: { waits?: boolean } = {}): OpenPdf {
  const pdf = new PDFDocument({ ...options, ...NO_STANDARD_FONT })
  const chunks: Buffer[] = []
  const bytes = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (c: Buffer) => chunks.push(c))
    pdf.on('end', () => resolve(Buffer.concat(chunks)))
    pdf.on('error', reject)
  })
  registerFaces(pdf, o)
  return { pdf, bytes }
}
