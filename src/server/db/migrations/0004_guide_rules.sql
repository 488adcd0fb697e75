CREATE TABLE "conversation_tickets" (
	"conversation_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "conversation_tickets_conversation_id_ticket_id_pk" PRIMARY KEY("conversation_id","ticket_id")
);
--> statement-breakpoint
CREATE TABLE "dispositions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"needs_follow_up" boolean DEFAULT false NOT NULL,
	"position" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"conversation_id" uuid,
	"title" text NOT NULL,
	"due_at" bigint,
	"assignee_id" uuid,
	"done" boolean DEFAULT false NOT NULL,
	"done_at" bigint,
	"done_by" uuid,
	"created_by" uuid NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"number" integer,
	"subject" text NOT NULL,
	"status" text NOT NULL,
	"priority" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversation_cycles" ADD COLUMN "resolved_tray_id" uuid;--> statement-breakpoint
ALTER TABLE "conversation_cycles" ADD COLUMN "confirmed_message_id" uuid;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "last_customer_message_at" bigint;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "last_human_reply_at" bigint;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "linked_from_id" uuid;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "snoozed_by" uuid;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "follow_up_at" bigint;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "follow_up_by" uuid;--> statement-breakpoint
ALTER TABLE "mutation_rejections" ADD COLUMN "params" jsonb;--> statement-breakpoint
ALTER TABLE "notes" ADD COLUMN "kind" text DEFAULT 'plain' NOT NULL;--> statement-breakpoint
ALTER TABLE "notes" ADD COLUMN "fields" jsonb;--> statement-breakpoint
ALTER TABLE "notes" ADD COLUMN "external_channel" text;--> statement-breakpoint
ALTER TABLE "notes" ADD COLUMN "occurred_at" bigint;--> statement-breakpoint
ALTER TABLE "notes" ADD COLUMN "mentions" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "conversation_tickets" ADD CONSTRAINT "conversation_tickets_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_tickets" ADD CONSTRAINT "conversation_tickets_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispositions" ADD CONSTRAINT "dispositions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_assignee_id_agents_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conv_tickets_ticket" ON "conversation_tickets" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "tasks_conversation" ON "tasks" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "tasks_workspace" ON "tasks" USING btree ("workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_workspace_number" ON "tickets" USING btree ("workspace_id","number");--> statement-breakpoint
CREATE INDEX "conv_snoozed_due" ON "conversations" USING btree ("snoozed_until") WHERE "conversations"."status" = 'snoozed';--> statement-breakpoint
CREATE INDEX "conv_follow_up_due" ON "conversations" USING btree ("follow_up_at") WHERE "conversations"."follow_up_at" is not null;--> statement-breakpoint
-- Backfill: the closing policy reads a) and d) from these two columns, so existing threads get them now.
UPDATE "conversations" c SET
	"last_customer_message_at" = (SELECT max(m."created_at") FROM "messages" m WHERE m."conversation_id" = c."id" AND m."direction" = 'inbound' AND m."author_kind" = 'contact'),
	"last_human_reply_at" = (SELECT max(m."created_at") FROM "messages" m WHERE m."conversation_id" = c."id" AND m."direction" = 'outbound' AND m."author_kind" = 'agent');--> statement-breakpoint
-- Every existing workspace gets the default calificaciones of seed 004 (new workspaces get them at creation).
INSERT INTO "dispositions" ("id", "workspace_id", "name", "needs_follow_up", "position", "active")
SELECT gen_random_uuid(), w."id", d."name", d."follow_up", d."position", true
FROM "workspaces" w CROSS JOIN (VALUES ('Consulta resuelta', false, 0), ('Seguimiento requerido', true, 1), ('Caso escalado', false, 2), ('Cliente insatisfecho', false, 3)) AS d("name", "follow_up", "position");--> statement-breakpoint
-- A cycle's closure record is immutable (guide: "nothing is closed without an answer or a record"): once
-- resolved_at is set the row never changes again. A customer writing again starts a new cycle instead, and
-- a merge removes the merged conversation's cycles (DELETE stays allowed). An UPDATE that changes nothing
-- (a writer re-saving the row as read) is let through. SQLSTATE 23514 (check_violation), like a CHECK.
CREATE FUNCTION "conversation_cycles_closed_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF OLD."resolved_at" IS NOT NULL AND NEW IS DISTINCT FROM OLD THEN
		RAISE EXCEPTION 'conversation cycle % is resolved: its closure record cannot change', OLD."id"
			USING ERRCODE = 'check_violation';
	END IF;
	RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "conversation_cycles_closed_immutable" BEFORE UPDATE ON "conversation_cycles"
	FOR EACH ROW EXECUTE FUNCTION "conversation_cycles_closed_immutable"();
