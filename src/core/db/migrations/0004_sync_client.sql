CREATE TABLE `sync_rejections` (
	`mutation_id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`conversation_id` text,
	`code` text NOT NULL,
	`message` text NOT NULL,
	`message_key` text,
	`at` integer NOT NULL,
	`dismissed` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sync_rejections_conv` ON `sync_rejections` (`conversation_id`,`mutation_id`);--> statement-breakpoint
CREATE TABLE `sync_undo` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mutation_id` integer NOT NULL,
	`table_name` text NOT NULL,
	`op` text NOT NULL,
	`pk` text NOT NULL,
	`before` text
);
--> statement-breakpoint
CREATE INDEX `sync_undo_mutation` ON `sync_undo` (`mutation_id`,`seq`);