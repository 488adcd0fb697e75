ALTER TABLE `conversation_tags` ADD `status` text;--> statement-breakpoint
ALTER TABLE `conversation_tags` ADD `last_activity_at` integer;--> statement-breakpoint
CREATE INDEX `conv_tags_tag_status_activity` ON `conversation_tags` (`tag_id`,`status`,`last_activity_at`,`conversation_id`);--> statement-breakpoint
CREATE INDEX `conv_tags_tag_activity` ON `conversation_tags` (`tag_id`,`last_activity_at`,`conversation_id`);--> statement-breakpoint
UPDATE `conversation_tags` SET
  `status` = (SELECT c.`status` FROM `conversations` c WHERE c.`id` = `conversation_tags`.`conversation_id`),
  `last_activity_at` = (SELECT c.`last_activity_at` FROM `conversations` c WHERE c.`id` = `conversation_tags`.`conversation_id`);
--> statement-breakpoint
CREATE TRIGGER `conversation_tags_copy_order` AFTER INSERT ON `conversation_tags` BEGIN
  UPDATE `conversation_tags` SET
    `status` = (SELECT `status` FROM `conversations` WHERE `id` = NEW.`conversation_id`),
    `last_activity_at` = (SELECT `last_activity_at` FROM `conversations` WHERE `id` = NEW.`conversation_id`)
  WHERE `conversation_id` = NEW.`conversation_id` AND `tag_id` = NEW.`tag_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `conversations_tags_follow_order` AFTER UPDATE OF `status`, `last_activity_at` ON `conversations`
  WHEN OLD.`status` IS NOT NEW.`status` OR OLD.`last_activity_at` IS NOT NEW.`last_activity_at`
BEGIN
  UPDATE `conversation_tags` SET `status` = NEW.`status`, `last_activity_at` = NEW.`last_activity_at`
  WHERE `conversation_id` = NEW.`id`;
END;
