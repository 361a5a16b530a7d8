-- Application tokens are Workspace data: the runtime role sees only the request's Workspaces.
-- (Resolving a presented token happens before the request drops to the runtime role.)
ALTER TABLE application_tokens ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY application_tokens_tenant ON application_tokens
  USING (app_workspace_visible(workspace_id))
  WITH CHECK (app_workspace_visible(workspace_id));
