CREATE TABLE `conversation_tickets` (
	`conversation_id` text NOT NULL,
	`ticket_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`conversation_id`, `ticket_id`),
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `conv_tickets_ticket` ON `conversation_tickets` (`ticket_id`);--> statement-breakpoint
CREATE TABLE `dispositions` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`needs_follow_up` integer DEFAULT false NOT NULL,
	`position` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`conversation_id` text,
	`task_id` text,
	`actor_id` text,
	`text` text NOT NULL,
	`at` integer NOT NULL,
	`read_at` integer,
	`notified_at` integer
);
--> statement-breakpoint
CREATE INDEX `notifications_time` ON `notifications` (`at`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_unread` ON `notifications` (`read_at`,`at`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`conversation_id` text,
	`title` text NOT NULL,
	`due_at` integer,
	`assignee_id` text,
	`done` integer DEFAULT false NOT NULL,
	`done_at` integer,
	`done_by` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tasks_assignee_due` ON `tasks` (`assignee_id`,`done`,`due_at`);--> statement-breakpoint
CREATE INDEX `tasks_conversation` ON `tasks` (`conversation_id`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`number` integer,
	`subject` text NOT NULL,
	`status` text NOT NULL,
	`priority` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `conversation_cycles` ADD `resolved_tray_id` text;--> statement-breakpoint
ALTER TABLE `conversation_cycles` ADD `confirmed_message_id` text;--> statement-breakpoint
CREATE INDEX `cycles_resolved` ON `conversation_cycles` (`resolved_at`,`id`);--> statement-breakpoint
ALTER TABLE `conversations` ADD `last_customer_message_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `last_human_reply_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `linked_from_id` text;--> statement-breakpoint
ALTER TABLE `conversations` ADD `snoozed_by` text;--> statement-breakpoint
ALTER TABLE `conversations` ADD `follow_up_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `follow_up_by` text;--> statement-breakpoint
CREATE INDEX `conv_status_snoozed` ON `conversations` (`status`,`snoozed_until`,`id`);--> statement-breakpoint
CREATE INDEX `conv_status_follow_up` ON `conversations` (`status`,`follow_up_at`);--> statement-breakpoint
CREATE INDEX `conv_linked_from` ON `conversations` (`linked_from_id`);--> statement-breakpoint
ALTER TABLE `notes` ADD `kind` text DEFAULT 'plain' NOT NULL;--> statement-breakpoint
ALTER TABLE `notes` ADD `fields` text;--> statement-breakpoint
ALTER TABLE `notes` ADD `external_channel` text;--> statement-breakpoint
ALTER TABLE `notes` ADD `occurred_at` integer;--> statement-breakpoint
ALTER TABLE `notes` ADD `mentions` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `sync_rejections` ADD `params` text;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `settings` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
-- Backfill: the closing policy reads a) and d) from these two columns, so existing threads get them now.
UPDATE `conversations` SET
	`last_customer_message_at` = (SELECT max(m.`created_at`) FROM `messages` m WHERE m.`conversation_id` = `conversations`.`id` AND m.`direction` = 'inbound' AND m.`author_kind` = 'contact'),
	`last_human_reply_at` = (SELECT max(m.`created_at`) FROM `messages` m WHERE m.`conversation_id` = `conversations`.`id` AND m.`direction` = 'outbound' AND m.`author_kind` = 'agent');
--> statement-breakpoint
-- A conversation re-inserted over itself (INSERT OR REPLACE deletes, then inserts) keeps its tag rows: the
-- insert must count them again under its status and refresh their copies, as the delete uncounted them.
DROP TRIGGER `conversations_count_insert`;--> statement-breakpoint
CREATE TRIGGER `conversations_count_insert` AFTER INSERT ON `conversations` BEGIN
  INSERT INTO `count_buckets` VALUES (NEW.`tray_id`, coalesce(NEW.`category_id`, ''), NEW.`status`, coalesce(NEW.`assignee_id`, ''), 1)
    ON CONFLICT DO UPDATE SET `n` = `n` + 1;
  INSERT INTO `tag_buckets` SELECT `tag_id`, NEW.`status`, 1 FROM `conversation_tags` WHERE `conversation_id` = NEW.`id`
    ON CONFLICT DO UPDATE SET `n` = `n` + 1;
  UPDATE `conversation_tags` SET `status` = NEW.`status`, `last_activity_at` = NEW.`last_activity_at`
    WHERE `conversation_id` = NEW.`id`;
END;
