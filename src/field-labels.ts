/*
 * How the portal labels each input field, for validation messages: "IMEI has an invalid check digit."
 * rather than "imei …". The error's `extensions.field` keeps the code (`imei`), which clients match on;
 * the message is for people. One table for every validator.
 */

const LABELS = new Map<string, string>([
  ['name', 'Name'],
  ['email', 'Email'],
  ['password', 'Password'],
  ['currency', 'Currency'],
  ['imei', 'IMEI'],
  ['iccid', 'ICCID'],
  ['iccids', 'ICCID'],
  ['imsi', 'IMSI'],
  ['msisdn', 'MSISDN'],
  ['ipAddress', 'IP address'],
  ['tag', 'Tag'],
  ['tags', 'Tags'],
  ['search', 'Search'],
  ['status', 'Status'],
  ['countries', 'Countries'],
  ['networks', 'Networks'],
  ['dataPlan', 'Data plan'],
  ['monthlyDataLimitMb', 'Monthly data limit (MB)'],
  ['monthlySmsLimit', 'Monthly SMS limit'],
  ['vatRate', 'VAT rate'],
  ['startDate', 'Start date'],
  ['endDate', 'End date'],
  ['month', 'Month'],
  ['effectiveMonth', 'Effective month'],
  ['expiresAt', 'Expiry date'],
  ['format', 'Format'],
  ['first', 'Page size (first)'],
  ['after', 'Cursor (after)'],
]);

/** The label of a field code ("imei" -> "IMEI", "filter.servicePolicyId" -> "Service policy id"). */
export function labelOf(field: string): string {
  const code =
    field
      .split('.')
      .at(-1)
      ?.replace(/\[\d+\]$/, '') ?? field;
  return LABELS.get(code) ?? humanize(code);
}

/** "workspaceLimit" -> "Workspace limit": a readable fallback for codes the table does not list. */
function humanize(code: string): string {
  const words = code.replace(/([a-z\d])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
