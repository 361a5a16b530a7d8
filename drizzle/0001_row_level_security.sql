-- Row-level security: the second wall between Workspaces.
-- Each request runs as the runtime role (no BYPASSRLS, not the table owner) inside one transaction
-- that sets, with SET LOCAL / set_config(..., true):
--   app.workspace_ids  a Postgres array literal of the Workspaces this request may read
--   app.user_id        the signed-in user (lets a user see their own memberships across Workspaces)
--   app.operator       'on' for platform operations staff, who see every Workspace
-- The role itself is created outside migrations (roles are cluster-wide), see src/db/runtime-role.ts.

CREATE OR REPLACE FUNCTION app_workspace_visible(ws uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('app.operator', true), '') = 'on'
      OR ws = ANY (coalesce(nullif(current_setting('app.workspace_ids', true), ''), '{}')::uuid[])
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_current_user_id() RETURNS uuid
LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('app.user_id', true), '')::uuid
$$;
--> statement-breakpoint
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY memberships_tenant ON memberships
  USING (app_workspace_visible(workspace_id) OR user_id = app_current_user_id())
  WITH CHECK (app_workspace_visible(workspace_id) OR user_id = app_current_user_id());
--> statement-breakpoint
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY invitations_tenant ON invitations
  USING (app_workspace_visible(workspace_id) OR user_id = app_current_user_id())
  WITH CHECK (app_workspace_visible(workspace_id) OR user_id = app_current_user_id());
--> statement-breakpoint
ALTER TABLE workspace_requests ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_requests_tenant ON workspace_requests
  USING (app_workspace_visible(workspace_id))
  WITH CHECK (app_workspace_visible(workspace_id));
--> statement-breakpoint
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Platform-level events (no Workspace) are visible to operators only.
CREATE POLICY audit_events_tenant ON audit_events
  USING (app_workspace_visible(workspace_id) OR (workspace_id IS NULL AND coalesce(current_setting('app.operator', true), '') = 'on'))
  WITH CHECK (app_workspace_visible(workspace_id) OR (workspace_id IS NULL AND coalesce(current_setting('app.operator', true), '') = 'on'));
--> statement-breakpoint
-- The first Workspace a user can still enter, other than `excluded`: earliest active membership,
-- then Workspaces linked to a main organization where the user is SuperAdmin.
-- SECURITY DEFINER because the Administrator acting may not see the user's other Workspaces.
CREATE OR REPLACE FUNCTION app_first_accessible_workspace(uid uuid, excluded uuid) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT ws FROM (
    SELECT m.workspace_id AS ws, 0 AS pref, m.joined_at AS at
      FROM memberships m
     WHERE m.user_id = uid AND m.status = 'ACTIVE' AND m.workspace_id IS DISTINCT FROM excluded
    UNION ALL
    SELECT l.workspace_id, 1, l.linked_at
      FROM workspace_links l JOIN organizations o ON o.id = l.main_organization_id
     WHERE o.super_admin_user_id = uid AND l.workspace_id IS DISTINCT FROM excluded
  ) candidates
  ORDER BY pref, at, ws
  LIMIT 1
$$;
--> statement-breakpoint
-- Keeps users.default_workspace_id pointing at a Workspace the user can enter:
-- a first active membership becomes the default; suspending or removing the user in their default
-- Workspace moves the default to their next active Workspace (DOMAIN.md, memberships).
CREATE OR REPLACE FUNCTION app_keep_default_workspace() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'ACTIVE' THEN
    UPDATE users SET default_workspace_id = NEW.workspace_id
     WHERE id = NEW.user_id AND default_workspace_id IS NULL;
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    UPDATE users SET default_workspace_id = app_first_accessible_workspace(OLD.user_id, OLD.workspace_id)
     WHERE id = OLD.user_id AND default_workspace_id = OLD.workspace_id;
  ELSE
    UPDATE users SET default_workspace_id = app_first_accessible_workspace(NEW.user_id, NEW.workspace_id)
     WHERE id = NEW.user_id AND default_workspace_id = NEW.workspace_id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER memberships_keep_default_workspace
  AFTER INSERT OR UPDATE OF status OR DELETE ON memberships
  FOR EACH ROW EXECUTE FUNCTION app_keep_default_workspace();
