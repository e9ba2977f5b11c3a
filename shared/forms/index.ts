/**
 * Printed documents of a case as self-contained HTML strings: inline CSS, A4 pages with the case
 * number and "page x / y" on every page, the bundled Noto CJK font inlined for exactly the
 * characters used, and a QR code of the case number. Pure: the fonts come through a FontSource.
 *
 * Desktop: main loads the HTML into a hidden window and prints it or saves printToPDF. Browser
 * edition: an iframe's srcdoc and window.print. Either way no network and no host font is needed.
 */
import { archiveSummary } from './archiveSummary';
import { createFormContext, type DocumentInput, type DocumentKind, type FormContext } from './context';
import { handlingSlip } from './handlingSlip';
import { renderPage, type DocumentBody } from './layout';
import { receipt } from './receipt';
import { registrationForm } from './registration';

export { DOCUMENT_KINDS, type DocumentKind, type DocumentInput, type PrintBranch, type PrintOrganization } from './context';
export {
  FONT_PACKAGES,
  FONT_WEIGHTS,
  chooseFontFaces,
  fontPackagesFor,
  loadManifest,
  manifestFile,
  parseManifest,
  parseUnicodeRange,
  subsetFile,
  type FontFaceChoice,
  type FontManifest,
  type FontPackage,
  type FontSource,
  type FontWeight,
} from './fonts';

const BUILDERS: Readonly<Record<DocumentKind, (ctx: FormContext) => DocumentBody>> = {
  registration: registrationForm,
  receipt,
  handlingSlip,
  archiveSummary,
};

export interface RenderedDocument {
  html: string;
  title: string;
  /** Characters no bundled font covers (printed by a host font, if any has them). */
  uncoveredCharacters: string[];
  /** How many font subset files were embedded. */
  fontFiles: number;
}

/** Renders one document with its details (title, font coverage). */
export async function renderDocumentWithInfo(kind: DocumentKind, input: DocumentInput): Promise<RenderedDocument> {
  const ctx = createFormContext(input);
  const doc = BUILDERS[kind](ctx);
  const { html, fonts } = await renderPage(ctx, doc);
  return { html, title: doc.title, uncoveredCharacters: fonts.uncovered, fontFiles: fonts.faces.length };
}

/** The self-contained HTML of one document of a case, in `input.language`. */
export async function renderDocument(kind: DocumentKind, input: DocumentInput): Promise<string> {
  return (await renderDocumentWithInfo(kind, input)).html;
}
