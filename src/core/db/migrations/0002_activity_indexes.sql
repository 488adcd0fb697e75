CREATE INDEX `conv_assignee_activity` ON `conversations` (`assignee_id`,`last_activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `conv_tray_activity` ON `conversations` (`tray_id`,`last_activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `conv_category_activity` ON `conversations` (`category_id`,`last_activity_at`,`id`);