/**
 * 客户投诉登记表: the paper form annexed to 《客户投诉解决制度》, printed at intake for signatures (R2.1).
 * Its fields in the annex's order — NO, complainant, date, building/unit or address, phone,
 * complaint content, 情况核实, 处理意见, 处理结果, 客户回访, 经办人, 主管领导 — plus the business
 * reference, channel, category, severity and the customer's expected remedy. Sections the case has
 * not reached are left blank, with room to write by hand.
 */
import type { FormContext } from './context';
import { documentHeader, formTable, html, signatureRow, text, wideRow, type DocumentBody, type Html } from './layout';
import { callbackHtml, intakeRows, opinionHtml, resultHtml, verificationHtml } from './sections';

/** Height kept for handwriting in a blank section, and the least height of a filled one (mm). */
const BLANK_SECTION_MM = 23;
const FILLED_SECTION_MM = 12;

function section(name: string, value: Html): Html {
  return wideRow(name, value, value ? FILLED_SECTION_MM : BLANK_SECTION_MM);
}

export function registrationForm(ctx: FormContext): DocumentBody {
  const { record: c, t } = ctx;
  const title = t('forms.registration.title');
  const rows = [
    ...intakeRows(ctx),
    wideRow(t('forms.field.content'), text(c.content), 30),
    wideRow(t('forms.field.expected'), text(c.expectedResolution), 9),
    section(t('forms.field.verification'), verificationHtml(ctx)),
    section(t('forms.field.opinion'), opinionHtml(ctx)),
    section(t('forms.field.result'), resultHtml(ctx)),
    section(t('forms.field.callback'), callbackHtml(ctx)),
    signatureRow(ctx, [t('forms.sign.complainant'), t('forms.sign.handler'), t('forms.sign.supervisor')]),
  ];
  return { title, body: html`${documentHeader(ctx, title, { receivedBy: true })}${formTable(rows)}` };
}
