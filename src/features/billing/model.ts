import type { InvoiceLineRow, InvoiceRow, OrganizationRow } from '../../db/schema';
import { fixedDecimal, trimDecimal } from './money';
import { lastDayOf, monthLabel } from './months';
import type { InvoiceFigures } from './queries';

export type InvoiceLineKind = InvoiceLineRow['kind'];
export type PaymentType = OrganizationRow['paymentType'];

/** One line of an invoice as the API shows it: decimal strings, amounts with exactly the minor-unit digits. */
export interface InvoiceLineModel {
  kind: InvoiceLineKind;
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  amount: string;
  currency: string;
}

/** An invoice, issued (stored, immutable) or the current month's preview (computed live). */
export interface InvoiceModel {
  workspaceId: string;
  /** YYYY-MM-01. */
  month: string;
  status: 'PREVIEW' | 'ISSUED';
  number: string | null;
  issuedAt: Date | null;
  currency: string;
  minorUnits: number;
  vatRate: string;
  lines: InvoiceLineModel[];
  subtotal: string;
  vatAmount: string;
  total: string;
  billTo: { name: string; vatNumber: string | null; email: string | null; paymentType: PaymentType };
}

export const LINE_TEXT: Record<InvoiceLineKind, { description: string; unit: string }> = {
  SIM_FEE: { description: 'Monthly fee per SIM activated during the month', unit: 'SIM' },
  DATA: { description: 'Data, up and down (1 MB = 1,000,000 bytes)', unit: 'MB' },
  SMS: { description: 'SMS, sent and received', unit: 'SMS' },
};

/** The three lines of computed figures, in their stored form (full precision). */
export function figureLines(
  f: InvoiceFigures,
): { position: number; kind: InvoiceLineKind; description: string; quantity: string; unit: string; unitPrice: string; amount: string }[] {
  const line = (position: number, kind: InvoiceLineKind, quantity: string, unitPrice: string, amount: string) => ({
    position,
    kind,
    ...LINE_TEXT[kind],
    quantity,
    unitPrice,
    amount,
  });
  return [
    line(1, 'SIM_FEE', f.simCount, f.feePerSim, f.simAmount),
    line(2, 'DATA', f.dataMb, f.pricePerMb, f.dataAmount),
    line(3, 'SMS', f.smsCount, f.pricePerSms, f.smsAmount),
  ];
}

/** The invoice number: issue order within the month's prefix, e.g. INV-202601-000042. */
export const invoiceNumber = (month: string, seq: number) => `INV-${month.slice(0, 4)}${month.slice(5, 7)}-${String(seq).padStart(6, '0')}`;

export function previewModel(input: {
  workspaceId: string;
  month: string;
  currency: string;
  minorUnits: number;
  organization: OrganizationRow;
  figures: InvoiceFigures;
}): InvoiceModel {
  const { figures, minorUnits: d, currency, organization } = input;
  return {
    workspaceId: input.workspaceId,
    month: input.month,
    status: 'PREVIEW',
    number: null,
    issuedAt: null,
    currency,
    minorUnits: d,
    vatRate: organization.vatRate,
    lines: figureLines(figures).map((l) => showLine(l, currency, d)),
    subtotal: fixedDecimal(figures.subtotal, d),
    vatAmount: fixedDecimal(figures.vatAmount, d),
    total: fixedDecimal(figures.total, d),
    billTo: {
      name: organization.name,
      vatNumber: organization.vatNumber,
      email: organization.billingEmail,
      paymentType: organization.paymentType,
    },
  };
}

export function issuedModel(invoice: InvoiceRow, lines: InvoiceLineRow[]): InvoiceModel {
  const d = invoice.minorUnits;
  return {
    workspaceId: invoice.workspaceId,
    month: invoice.month,
    status: 'ISSUED',
    number: invoiceNumber(invoice.month, invoice.seq),
    issuedAt: invoice.issuedAt,
    currency: invoice.currency,
    minorUnits: d,
    vatRate: invoice.vatRate,
    lines: lines.map((l) => showLine(l, invoice.currency, d)),
    subtotal: fixedDecimal(invoice.subtotal, d),
    vatAmount: fixedDecimal(invoice.vatAmount, d),
    total: fixedDecimal(invoice.total, d),
    billTo: { name: invoice.billToName, vatNumber: invoice.billToVatNumber, email: invoice.billToEmail, paymentType: invoice.paymentType },
  };
}

function showLine(
  l: { kind: InvoiceLineKind; description: string; quantity: string; unit: string; unitPrice: string; amount: string },
  currency: string,
  d: number,
): InvoiceLineModel {
  return {
    kind: l.kind,
    description: l.description,
    quantity: trimDecimal(l.quantity),
    unit: l.unit,
    unitPrice: trimDecimal(l.unitPrice, d),
    amount: fixedDecimal(l.amount, d),
    currency,
  };
}

/** Period covered, for documents. */
export const periodOf = (month: string) => ({ label: monthLabel(month), start: month, end: lastDayOf(month) });
