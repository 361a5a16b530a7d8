-- Billing tables are Workspace data: the same wall as drizzle/0003_fleet_row_level_security.sql.
-- A row is visible and writable only when its Workspace is in app.workspace_ids (or for operators).

ALTER TABLE price_lists ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY price_lists_tenant ON price_lists
  USING (app_workspace_visible(workspace_id))
  WITH CHECK (app_workspace_visible(workspace_id));
--> statement-breakpoint
ALTER TABLE sim_activation_periods ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY sim_activation_periods_tenant ON sim_activation_periods
  USING (app_workspace_visible(workspace_id))
  WITH CHECK (app_workspace_visible(workspace_id));
--> statement-breakpoint
ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY invoices_tenant ON invoices
  USING (app_workspace_visible(workspace_id))
  WITH CHECK (app_workspace_visible(workspace_id));
--> statement-breakpoint
ALTER TABLE invoice_lines ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY invoice_lines_tenant ON invoice_lines
  USING (app_workspace_visible(workspace_id))
  WITH CHECK (app_workspace_visible(workspace_id));
--> statement-breakpoint
-- SIM activation history, for the monthly fee per SIM that was ACTIVATED at any time in a month.
-- Every change of sims.status (whoever makes it: a mutation, the seed, a future bulk job) closes the
-- open period and, when the new status is ACTIVATED, opens one; deleting a SIM closes its period.
-- now() is the transaction's start: activating and suspending in one transaction gives an empty
-- period, and re-activating it in the same transaction reopens it (ON CONFLICT).
CREATE OR REPLACE FUNCTION app_track_sim_activation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.status IS NOT DISTINCT FROM OLD.status AND NEW.workspace_id = OLD.workspace_id THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE sim_activation_periods SET ended_at = now()
     WHERE workspace_id = OLD.workspace_id AND sim_id = OLD.id AND ended_at IS NULL;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'ACTIVATED' THEN
    INSERT INTO sim_activation_periods (workspace_id, sim_id, started_at)
    VALUES (NEW.workspace_id, NEW.id, now())
    ON CONFLICT (workspace_id, sim_id, started_at) DO UPDATE SET ended_at = NULL;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER sims_track_activation
  AFTER INSERT OR UPDATE OF status, workspace_id OR DELETE ON sims
  FOR EACH ROW EXECUTE FUNCTION app_track_sim_activation();
--> statement-breakpoint
-- SIMs already ACTIVATED when this migration runs: activated since their last change.
INSERT INTO sim_activation_periods (workspace_id, sim_id, started_at)
SELECT workspace_id, id, updated_at FROM sims WHERE status = 'ACTIVATED'
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Issued invoices never change: a correction is a new document, not an edit.
CREATE OR REPLACE FUNCTION app_refuse_invoice_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'issued invoices are immutable (% on %)', TG_OP, TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END
$$;
--> statement-breakpoint
CREATE TRIGGER invoices_immutable
  BEFORE UPDATE OR DELETE ON invoices
  FOR EACH ROW EXECUTE FUNCTION app_refuse_invoice_change();
--> statement-breakpoint
CREATE TRIGGER invoice_lines_immutable
  BEFORE UPDATE OR DELETE ON invoice_lines
  FOR EACH ROW EXECUTE FUNCTION app_refuse_invoice_change();
