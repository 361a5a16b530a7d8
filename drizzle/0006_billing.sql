CREATE TYPE "public"."payment_type" AS ENUM('BANK_TRANSFER', 'DIRECT_DEBIT', 'CREDIT_CARD');--> statement-breakpoint
CREATE TYPE "public"."invoice_line_kind" AS ENUM('SIM_FEE', 'DATA', 'SMS');--> statement-breakpoint
CREATE TABLE "invoice_lines" (
	"workspace_id" uuid NOT NULL,
	"month" date NOT NULL,
	"position" integer NOT NULL,
	"kind" "invoice_line_kind" NOT NULL,
	"description" text NOT NULL,
	"quantity" numeric(24, 6) NOT NULL,
	"unit" text NOT NULL,
	"unit_price" numeric(14, 6) NOT NULL,
	"amount" numeric(18, 4) NOT NULL,
	CONSTRAINT "invoice_lines_workspace_id_month_position_pk" PRIMARY KEY("workspace_id","month","position")
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"workspace_id" uuid NOT NULL,
	"month" date NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "invoices_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"minor_units" integer NOT NULL,
	"vat_rate" numeric(5, 2) NOT NULL,
	"subtotal" numeric(18, 4) NOT NULL,
	"vat_amount" numeric(18, 4) NOT NULL,
	"total" numeric(18, 4) NOT NULL,
	"bill_to_name" text NOT NULL,
	"bill_to_vat_number" text,
	"bill_to_email" text,
	"payment_type" "payment_type" NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoices_workspace_id_month_pk" PRIMARY KEY("workspace_id","month"),
	CONSTRAINT "invoices_month_start" CHECK (extract(day from "invoices"."month") = 1),
	CONSTRAINT "invoices_total" CHECK ("invoices"."total" = "invoices"."subtotal" + "invoices"."vat_amount")
);
--> statement-breakpoint
CREATE TABLE "price_lists" (
	"workspace_id" uuid NOT NULL,
	"effective_month" date NOT NULL,
	"currency" text NOT NULL,
	"fee_per_sim" numeric(14, 4) NOT NULL,
	"price_per_mb" numeric(14, 6) NOT NULL,
	"price_per_sms" numeric(14, 4) NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	"set_by" uuid,
	CONSTRAINT "price_lists_workspace_id_effective_month_pk" PRIMARY KEY("workspace_id","effective_month"),
	CONSTRAINT "price_lists_month_start" CHECK (extract(day from "price_lists"."effective_month") = 1),
	CONSTRAINT "price_lists_currency_iso" CHECK ("price_lists"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "price_lists_non_negative" CHECK ("price_lists"."fee_per_sim" >= 0 and "price_lists"."price_per_mb" >= 0 and "price_lists"."price_per_sms" >= 0)
);
--> statement-breakpoint
CREATE TABLE "sim_activation_periods" (
	"workspace_id" uuid NOT NULL,
	"sim_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "sim_activation_periods_workspace_id_sim_id_started_at_pk" PRIMARY KEY("workspace_id","sim_id","started_at"),
	CONSTRAINT "sim_activation_periods_order" CHECK ("sim_activation_periods"."ended_at" is null or "sim_activation_periods"."ended_at" >= "sim_activation_periods"."started_at")
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "payment_type" "payment_type" DEFAULT 'BANK_TRANSFER' NOT NULL;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_invoice_fk" FOREIGN KEY ("workspace_id","month") REFERENCES "public"."invoices"("workspace_id","month") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_lists" ADD CONSTRAINT "price_lists_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_lists" ADD CONSTRAINT "price_lists_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sim_activation_periods" ADD CONSTRAINT "sim_activation_periods_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_seq_key" ON "invoices" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "sim_activation_periods_workspace_started_idx" ON "sim_activation_periods" USING btree ("workspace_id","started_at");