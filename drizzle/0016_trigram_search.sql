-- Contains search ("any part of") through trigram indexes; pg_trgm is a trusted extension (the database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
DROP INDEX "endpoints_workspace_name_prefix_idx";--> statement-breakpoint
CREATE INDEX "audit_events_workspace_target_seq_idx" ON "audit_events" USING btree ("workspace_id","target_type","target_id","seq");--> statement-breakpoint
CREATE INDEX "endpoints_name_trgm_idx" ON "endpoints" USING gin (lower("name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "endpoints_imei_trgm_idx" ON "endpoints" USING gin ("imei" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "sims_iccid_trgm_idx" ON "sims" USING gin ("iccid" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "sims_imsi_trgm_idx" ON "sims" USING gin ("imsi" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "sims_msisdn_trgm_idx" ON "sims" USING gin ("msisdn" gin_trgm_ops);