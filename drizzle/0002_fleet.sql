CREATE TYPE "public"."endpoint_status" AS ENUM('ENABLED', 'DISABLED');--> statement-breakpoint
CREATE TYPE "public"."sim_status" AS ENUM('ISSUED', 'ACTIVATED', 'SUSPENDED', 'FACTORY_TEST', 'DELETED');--> statement-breakpoint
CREATE TABLE "coverage_policies" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"countries" text[] DEFAULT '{}'::text[] NOT NULL,
	"networks" text[] DEFAULT '{}'::text[] NOT NULL,
	"data_plan" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coverage_policies_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "endpoint_tags" (
	"workspace_id" uuid NOT NULL,
	"endpoint_id" uuid NOT NULL,
	"tag" text NOT NULL,
	CONSTRAINT "endpoint_tags_workspace_id_endpoint_id_tag_pk" PRIMARY KEY("workspace_id","endpoint_id","tag")
);
--> statement-breakpoint
CREATE TABLE "endpoints" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "endpoints_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"status" "endpoint_status" DEFAULT 'ENABLED' NOT NULL,
	"imei" text,
	"ip_address" "inet",
	"sim_id" uuid,
	"service_policy_id" uuid,
	"coverage_policy_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "endpoints_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "service_policies" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"data_enabled" boolean DEFAULT true NOT NULL,
	"sms_enabled" boolean DEFAULT true NOT NULL,
	"monthly_data_limit_mb" integer,
	"monthly_sms_limit" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_policies_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "service_policies_limits_positive" CHECK (coalesce("service_policies"."monthly_data_limit_mb", 0) >= 0 and coalesce("service_policies"."monthly_sms_limit", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "sim_daily_usage" (
	"workspace_id" uuid NOT NULL,
	"sim_id" uuid NOT NULL,
	"day" date NOT NULL,
	"bytes_up" bigint NOT NULL,
	"bytes_down" bigint NOT NULL,
	"sms_sent" integer NOT NULL,
	"sms_received" integer NOT NULL,
	"cost" numeric(14, 4) NOT NULL,
	CONSTRAINT "sim_daily_usage_workspace_id_sim_id_day_pk" PRIMARY KEY("workspace_id","sim_id","day"),
	CONSTRAINT "sim_daily_usage_non_negative" CHECK ("sim_daily_usage"."bytes_up" >= 0 and "sim_daily_usage"."bytes_down" >= 0 and "sim_daily_usage"."sms_sent" >= 0 and "sim_daily_usage"."sms_received" >= 0 and "sim_daily_usage"."cost" >= 0)
);
--> statement-breakpoint
CREATE TABLE "sims" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "sims_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"iccid" text NOT NULL,
	"imsi" text,
	"msisdn" text,
	"status" "sim_status" DEFAULT 'ISSUED' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sims_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "workspace_daily_usage" (
	"workspace_id" uuid NOT NULL,
	"day" date NOT NULL,
	"bytes_up" bigint DEFAULT 0 NOT NULL,
	"bytes_down" bigint DEFAULT 0 NOT NULL,
	"sms_sent" bigint DEFAULT 0 NOT NULL,
	"sms_received" bigint DEFAULT 0 NOT NULL,
	"cost" numeric(18, 4) DEFAULT '0' NOT NULL,
	CONSTRAINT "workspace_daily_usage_workspace_id_day_pk" PRIMARY KEY("workspace_id","day")
);
--> statement-breakpoint
ALTER TABLE "coverage_policies" ADD CONSTRAINT "coverage_policies_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "endpoint_tags" ADD CONSTRAINT "endpoint_tags_endpoint_fk" FOREIGN KEY ("workspace_id","endpoint_id") REFERENCES "public"."endpoints"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "endpoints" ADD CONSTRAINT "endpoints_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "endpoints" ADD CONSTRAINT "endpoints_sim_fk" FOREIGN KEY ("workspace_id","sim_id") REFERENCES "public"."sims"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "endpoints" ADD CONSTRAINT "endpoints_service_policy_fk" FOREIGN KEY ("workspace_id","service_policy_id") REFERENCES "public"."service_policies"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "endpoints" ADD CONSTRAINT "endpoints_coverage_policy_fk" FOREIGN KEY ("workspace_id","coverage_policy_id") REFERENCES "public"."coverage_policies"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_policies" ADD CONSTRAINT "service_policies_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sim_daily_usage" ADD CONSTRAINT "sim_daily_usage_sim_fk" FOREIGN KEY ("workspace_id","sim_id") REFERENCES "public"."sims"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sims" ADD CONSTRAINT "sims_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_daily_usage" ADD CONSTRAINT "workspace_daily_usage_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "coverage_policies_workspace_name_key" ON "coverage_policies" USING btree ("workspace_id",lower("name"));--> statement-breakpoint
CREATE INDEX "coverage_policies_workspace_name_idx" ON "coverage_policies" USING btree ("workspace_id","name","id");--> statement-breakpoint
CREATE INDEX "endpoint_tags_workspace_tag_idx" ON "endpoint_tags" USING btree ("workspace_id","tag","endpoint_id");--> statement-breakpoint
CREATE UNIQUE INDEX "endpoints_workspace_sim_key" ON "endpoints" USING btree ("workspace_id","sim_id");--> statement-breakpoint
CREATE INDEX "endpoints_workspace_seq_idx" ON "endpoints" USING btree ("workspace_id","seq");--> statement-breakpoint
CREATE INDEX "endpoints_workspace_name_idx" ON "endpoints" USING btree ("workspace_id","name","id");--> statement-breakpoint
CREATE INDEX "endpoints_workspace_name_prefix_idx" ON "endpoints" USING btree ("workspace_id",lower("name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "endpoints_workspace_status_seq_idx" ON "endpoints" USING btree ("workspace_id","status","seq");--> statement-breakpoint
CREATE INDEX "endpoints_workspace_imei_idx" ON "endpoints" USING btree ("workspace_id","imei");--> statement-breakpoint
CREATE INDEX "endpoints_workspace_service_policy_idx" ON "endpoints" USING btree ("workspace_id","service_policy_id");--> statement-breakpoint
CREATE INDEX "endpoints_workspace_coverage_policy_idx" ON "endpoints" USING btree ("workspace_id","coverage_policy_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_policies_workspace_name_key" ON "service_policies" USING btree ("workspace_id",lower("name"));--> statement-breakpoint
CREATE INDEX "service_policies_workspace_name_idx" ON "service_policies" USING btree ("workspace_id","name","id");--> statement-breakpoint
CREATE INDEX "sim_daily_usage_workspace_day_idx" ON "sim_daily_usage" USING btree ("workspace_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "sims_iccid_key" ON "sims" USING btree ("iccid");--> statement-breakpoint
CREATE INDEX "sims_workspace_seq_idx" ON "sims" USING btree ("workspace_id","seq");--> statement-breakpoint
CREATE INDEX "sims_workspace_iccid_idx" ON "sims" USING btree ("workspace_id","iccid");--> statement-breakpoint
CREATE INDEX "sims_workspace_imsi_idx" ON "sims" USING btree ("workspace_id","imsi");--> statement-breakpoint
CREATE INDEX "sims_workspace_msisdn_idx" ON "sims" USING btree ("workspace_id","msisdn");--> statement-breakpoint
CREATE INDEX "sims_workspace_status_seq_idx" ON "sims" USING btree ("workspace_id","status","seq");