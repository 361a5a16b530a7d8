-- Row-level security for the fleet tables: the same wall as drizzle/0001_row_level_security.sql.
-- A row is visible and writable only when its Workspace is in app.workspace_ids (or for operators).
-- Unique checks are not subject to RLS: a globally registered ICCID stays a conflict everywhere.

ALTER TABLE sims ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY sims_tenant ON sims
  USING (app_workspace_visible(workspace_id))
  WITH CHECK (app_workspace_visible(workspace_id));
--> statement-breakpoint
ALTER TABLE service_policies ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY service_policies_tenant ON service_policies
  USING (app_workspace_visible(workspace_id))
  WITH CHECK (app_workspace_visible(workspace_id));
--> statement-breakpoint
ALTER TABLE coverage_policies ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY coverage_policies_tenant ON coverage_policies
  USING (app_workspace_visible(workspace_id))
  WITH CHECK (app_workspace_visible(workspace_id));
--> statement-breakpoint
ALTER TABLE endpoints ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY endpoints_tenant ON endpoints
  USING (app_workspace_visible(workspace_id))
  WITH CHECK (app_workspace_visible(workspace_id));
--> statement-breakpoint
ALTER TABLE endpoint_tags ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY endpoint_tags_tenant ON endpoint_tags
  USING (app_workspace_visible(workspace_id))
  WITH CHECK (app_workspace_visible(workspace_id));
--> statement-breakpoint
ALTER TABLE sim_daily_usage ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY sim_daily_usage_tenant ON sim_daily_usage
  USING (app_workspace_visible(workspace_id))
  WITH CHECK (app_workspace_visible(workspace_id));
--> statement-breakpoint
ALTER TABLE workspace_daily_usage ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_daily_usage_tenant ON workspace_daily_usage
  USING (app_workspace_visible(workspace_id))
  WITH CHECK (app_workspace_visible(workspace_id));
