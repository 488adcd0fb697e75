CREATE TABLE `count_buckets` (
	`tray_id` text NOT NULL,
	`category_id` text NOT NULL,
	`status` text NOT NULL,
	`assignee_id` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`tray_id`, `category_id`, `status`, `assignee_id`)
);
--> statement-breakpoint
CREATE TABLE `tag_buckets` (
	`tag_id` text NOT NULL,
	`status` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`tag_id`, `status`)
);

--> statement-breakpoint
INSERT INTO `count_buckets` (`tray_id`, `category_id`, `status`, `assignee_id`, `n`)
  SELECT `tray_id`, coalesce(`category_id`, ''), `status`, coalesce(`assignee_id`, ''), count(*)
  FROM `conversations` GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO `tag_buckets` (`tag_id`, `status`, `n`)
  SELECT ct.`tag_id`, c.`status`, count(*)
  FROM `conversation_tags` ct JOIN `conversations` c ON c.`id` = ct.`conversation_id` GROUP BY 1, 2;
--> statement-breakpoint
CREATE TRIGGER `conversations_count_insert` AFTER INSERT ON `conversations` BEGIN
  INSERT INTO `count_buckets` VALUES (NEW.`tray_id`, coalesce(NEW.`category_id`, ''), NEW.`status`, coalesce(NEW.`assignee_id`, ''), 1)
    ON CONFLICT DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `conversations_count_delete` AFTER DELETE ON `conversations` BEGIN
  UPDATE `count_buckets` SET `n` = `n` - 1
    WHERE `tray_id` = OLD.`tray_id` AND `category_id` = coalesce(OLD.`category_id`, '')
      AND `status` = OLD.`status` AND `assignee_id` = coalesce(OLD.`assignee_id`, '');
  UPDATE `tag_buckets` SET `n` = `n` - 1
    WHERE `status` = OLD.`status` AND `tag_id` IN (SELECT `tag_id` FROM `conversation_tags` WHERE `conversation_id` = OLD.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `conversations_count_update` AFTER UPDATE OF `tray_id`, `category_id`, `status`, `assignee_id` ON `conversations`
  WHEN OLD.`tray_id` IS NOT NEW.`tray_id` OR OLD.`category_id` IS NOT NEW.`category_id`
    OR OLD.`status` IS NOT NEW.`status` OR OLD.`assignee_id` IS NOT NEW.`assignee_id`
BEGIN
  UPDATE `count_buckets` SET `n` = `n` - 1
    WHERE `tray_id` = OLD.`tray_id` AND `category_id` = coalesce(OLD.`category_id`, '')
      AND `status` = OLD.`status` AND `assignee_id` = coalesce(OLD.`assignee_id`, '');
  INSERT INTO `count_buckets` VALUES (NEW.`tray_id`, coalesce(NEW.`category_id`, ''), NEW.`status`, coalesce(NEW.`assignee_id`, ''), 1)
    ON CONFLICT DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `conversations_tag_status_update` AFTER UPDATE OF `status` ON `conversations`
  WHEN OLD.`status` IS NOT NEW.`status`
BEGIN
  UPDATE `tag_buckets` SET `n` = `n` - 1
    WHERE `status` = OLD.`status` AND `tag_id` IN (SELECT `tag_id` FROM `conversation_tags` WHERE `conversation_id` = NEW.`id`);
  INSERT INTO `tag_buckets` SELECT `tag_id`, NEW.`status`, 1 FROM `conversation_tags` WHERE `conversation_id` = NEW.`id`
    ON CONFLICT DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `conversation_tags_count_insert` AFTER INSERT ON `conversation_tags` BEGIN
  INSERT INTO `tag_buckets` SELECT NEW.`tag_id`, `status`, 1 FROM `conversations` WHERE `id` = NEW.`conversation_id`
    ON CONFLICT DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `conversation_tags_count_delete` AFTER DELETE ON `conversation_tags` BEGIN
  UPDATE `tag_buckets` SET `n` = `n` - 1
    WHERE `tag_id` = OLD.`tag_id` AND `status` = (SELECT `status` FROM `conversations` WHERE `id` = OLD.`conversation_id`);
END;
