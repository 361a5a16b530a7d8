-- A Workspace's group: the main organization's own Workspaces and every Workspace linked to it (the
-- main organization is the Workspace's link's, or the Workspace's own organization when other
-- Workspaces are linked to it). A Workspace in no such group is a group of its own (docs/domain.md).
-- Both functions are SECURITY DEFINER: they read across Workspaces the caller may not see, and the
-- first is what the workspace_links policy (next migration) consults, which it could not do by
-- reading workspace_links itself (a policy reading its own table recurses).

-- The main organizations whose links this request may read: those of the visible Workspaces' links,
-- the organizations that own visible Workspaces, and the one the signed-in user is SuperAdmin of.
CREATE OR REPLACE FUNCTION app_visible_main_organization_ids() RETURNS uuid[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT coalesce(array_agg(DISTINCT ids.id), '{}') FROM (
    SELECT l.main_organization_id AS id FROM workspace_links l WHERE l.workspace_id = ANY (app_visible_workspace_ids())
    UNION ALL
    SELECT w.organization_id FROM workspaces w WHERE w.id = ANY (app_visible_workspace_ids())
    UNION ALL
    SELECT o.id FROM organizations o WHERE o.super_admin_user_id = app_current_user_id()
  ) ids
$$;
--> statement-breakpoint
-- Whether the user belongs to the group of Workspace `ws`: an ACTIVE or SUSPENDED member of one of its
-- Workspaces, or its SuperAdmin. An INVITED membership does not count: it was never accepted.
CREATE OR REPLACE FUNCTION app_in_workspace_group(ws uuid, uid uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH main AS (
    SELECT coalesce(
      (SELECT l.main_organization_id FROM workspace_links l WHERE l.workspace_id = ws),
      (SELECT w.organization_id FROM workspaces w
        WHERE w.id = ws AND EXISTS (SELECT 1 FROM workspace_links l WHERE l.main_organization_id = w.organization_id))
    ) AS id
  ),
  grp AS (
    SELECT ws AS id
    UNION SELECT l.workspace_id FROM workspace_links l JOIN main ON l.main_organization_id = main.id
    UNION SELECT w.id FROM workspaces w JOIN main ON w.organization_id = main.id
  )
  SELECT EXISTS (SELECT 1 FROM memberships m JOIN grp ON grp.id = m.workspace_id
                  WHERE m.user_id = uid AND m.status IN ('ACTIVE', 'SUSPENDED'))
      OR EXISTS (SELECT 1 FROM organizations o JOIN main ON o.id = main.id WHERE o.super_admin_user_id = uid)
$$;
