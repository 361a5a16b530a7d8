ALTER TYPE "public"."workspace_request_status" ADD VALUE 'WITHDRAWN';--> statement-breakpoint
ALTER TABLE "workspace_requests" ADD COLUMN "name" text;--> statement-breakpoint
ALTER TABLE "workspace_requests" ADD COLUMN "currency" text;--> statement-breakpoint
ALTER TABLE "workspace_requests" ADD CONSTRAINT "workspace_requests_currency_iso" CHECK ("workspace_requests"."currency" ~ '^[A-Z]{3}$');