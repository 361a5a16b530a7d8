import { csvField } from '../reports/csv';
import type { InvoiceModel } from './model';
import { moneyText } from './money';
import { lastDayOf, monthLabel } from './months';

const PAYMENT_TEXT: Record<InvoiceModel['billTo']['paymentType'], string> = {
  BANK_TRANSFER: 'Bank transfer',
  DIRECT_DEBIT: 'Direct debit',
  CREDIT_CARD: 'Credit card',
};

/**
 * An invoice as CSV: a header block (one `field,value` pair per line), a blank line, then the lines
 * table and the subtotal, VAT and total rows. Amounts are exact decimal strings in `currency`.
 */
export function* invoiceCsv(invoice: InvoiceModel, workspaceName: string): Generator<string> {
  const pair = (field: string, value: string | null) => `${field},${csvField(value ?? '')}\r\n`;
  yield pair('invoice_number', invoice.number ?? 'PREVIEW');
  yield pair('status', invoice.status);
  yield pair('workspace_id', invoice.workspaceId);
  yield pair('workspace_name', workspaceName);
  yield pair('month', monthLabel(invoice.month));
  yield pair('period_start', invoice.month);
  yield pair('period_end', lastDayOf(invoice.month));
  yield pair('issued_at', invoice.issuedAt ? new Date(invoice.issuedAt).toISOString() : '');
  yield pair('bill_to', invoice.billTo.name);
  yield pair('vat_number', invoice.billTo.vatNumber);
  yield pair('billing_email', invoice.billTo.email);
  yield pair('payment_type', invoice.billTo.paymentType);
  yield pair('currency', invoice.currency);
  yield pair('vat_rate_percent', invoice.vatRate);
  yield '\r\n';
  yield 'kind,description,quantity,unit,unit_price,amount,currency\r\n';
  for (const l of invoice.lines)
    yield `${l.kind},${csvField(l.description)},${l.quantity},${l.unit},${l.unitPrice},${l.amount},${l.currency}\r\n`;
  yield `SUBTOTAL,Subtotal,,,,${invoice.subtotal},${invoice.currency}\r\n`;
  yield `VAT,${csvField(`VAT ${invoice.vatRate}%`)},,,,${invoice.vatAmount},${invoice.currency}\r\n`;
  yield `TOTAL,Total,,,,${invoice.total},${invoice.currency}\r\n`;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** A printable, self-contained HTML invoice (no scripts, inline styles only). */
export function* invoiceHtml(invoice: InvoiceModel, workspaceName: string): Generator<string> {
  const e = escapeHtml;
  const title = invoice.number ? `Invoice ${invoice.number}` : `Invoice preview ${monthLabel(invoice.month)}`;
  yield `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(title)}</title>
<style>
body{font:14px/1.5 system-ui,sans-serif;color:#111;max-width:800px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .25rem}.muted{color:#555}.preview{color:#a15c00;font-weight:600}
table{width:100%;border-collapse:collapse;margin:1.5rem 0}th,td{padding:.4rem .5rem;border-bottom:1px solid #ddd;text-align:left}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}tfoot td{border:none}tfoot tr.total td{font-weight:700;border-top:2px solid #111}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:1rem 0}dt{color:#555}dd{margin:0}
@media print{body{margin:0}}
</style></head><body>
<h1>${e(title)}</h1>
${invoice.status === 'PREVIEW' ? '<p class="preview">Preview: the month is not over; figures change until it ends.</p>\n' : ''}<p class="muted">Period ${e(invoice.month)} to ${e(lastDayOf(invoice.month))}${invoice.issuedAt ? `, issued ${e(new Date(invoice.issuedAt).toISOString().slice(0, 10))}` : ''}</p>
<dl>
<dt>Bill to</dt><dd>${e(invoice.billTo.name)}</dd>
<dt>VAT number</dt><dd>${e(invoice.billTo.vatNumber ?? '-')}</dd>
<dt>Billing email</dt><dd>${e(invoice.billTo.email ?? '-')}</dd>
<dt>Payment</dt><dd>${e(PAYMENT_TEXT[invoice.billTo.paymentType])}</dd>
<dt>Workspace</dt><dd>${e(workspaceName)}</dd>
</dl>
<table>
<thead><tr><th>Description</th><th class="num">Quantity</th><th>Unit</th><th class="num">Unit price</th><th class="num">Amount</th></tr></thead>
<tbody>
`;
  for (const l of invoice.lines) {
    yield `<tr><td>${e(l.description)}</td><td class="num">${e(l.quantity)}</td><td>${e(l.unit)}</td><td class="num">${e(moneyText(l.unitPrice, l.currency))}</td><td class="num">${e(moneyText(l.amount, l.currency))}</td></tr>\n`;
  }
  yield `</tbody>
<tfoot>
<tr><td colspan="4" class="num">Subtotal</td><td class="num">${e(moneyText(invoice.subtotal, invoice.currency))}</td></tr>
<tr><td colspan="4" class="num">VAT ${e(invoice.vatRate)}%</td><td class="num">${e(moneyText(invoice.vatAmount, invoice.currency))}</td></tr>
<tr class="total"><td colspan="4" class="num">Total</td><td class="num">${e(moneyText(invoice.total, invoice.currency))}</td></tr>
</tfoot>
</table>
</body></html>
`;
}
