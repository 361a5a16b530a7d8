-- Until now, approving a CREATE request put the new Workspace in the requesting main organization
-- itself, so it was billed by it. A Workspace is billed on its own: each Workspace an earlier CREATE
-- approval made (workspace_requests.result_workspace_id, kind CREATE) and that still belongs to the
-- requesting organization moves to a new organization of its own, named after it, with that
-- organization's terms as they are now (currency, VAT, billing contact, payment type; the currency is
-- kept, so its price lists stay valid), on the Standard package (the main organization's package is
-- what linking needs). Its link to the main organization stays as it is; invoices issued before keep
-- the bill-to they were issued with (they never change).
WITH moved AS (
  SELECT DISTINCT ON (w.id) w.id AS workspace_id, gen_random_uuid() AS organization_id, w.name,
         o.currency, o.vat_rate, o.vat_number, o.billing_email, o.payment_type
    FROM workspace_requests r
    JOIN workspaces w ON w.id = r.result_workspace_id AND w.organization_id = r.organization_id
    JOIN organizations o ON o.id = r.organization_id
   WHERE r.kind = 'CREATE' AND r.status = 'APPROVED'
   ORDER BY w.id
), created AS (
  INSERT INTO organizations (id, name, currency, package, vat_rate, vat_number, billing_email, payment_type)
  SELECT organization_id, name, currency, 'STANDARD', vat_rate, vat_number, billing_email, payment_type FROM moved
  RETURNING id
)
UPDATE workspaces w SET organization_id = m.organization_id
  FROM moved m
 WHERE w.id = m.workspace_id AND m.organization_id IN (SELECT id FROM created);
