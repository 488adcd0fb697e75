-- Custom SQL migration file, put your code below! --
-- A merge keeps the merged conversation's cycles (src/shared/mutators/merge.ts): a closed cycle may move to
-- the conversation it was merged into and take its place in that conversation's numbering. Its closure
-- record (start, first human reply, resolution, disposition, justification, tray, confirmation) still never
-- changes; anything else is refused as before (SQLSTATE 23514, check_violation).
CREATE OR REPLACE FUNCTION "conversation_cycles_closed_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF OLD."resolved_at" IS NOT NULL AND
		(NEW."id", NEW."started_at", NEW."first_human_reply_at", NEW."resolved_at", NEW."resolved_by",
		 NEW."disposition_id", NEW."justification", NEW."resolved_tray_id", NEW."confirmed_message_id")
		IS DISTINCT FROM
		(OLD."id", OLD."started_at", OLD."first_human_reply_at", OLD."resolved_at", OLD."resolved_by",
		 OLD."disposition_id", OLD."justification", OLD."resolved_tray_id", OLD."confirmed_message_id") THEN
		RAISE EXCEPTION 'conversation cycle % is resolved: its closure record cannot change', OLD."id"
			USING ERRCODE = 'check_violation';
	END IF;
	RETURN NEW;
END;
$$;
