// Client-generated, time-sortable ids (UUIDv7): created offline, unique everywhere, ordered by creation.
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';

export const newId = (): string => uuidv7();

/** Any RFC 9562 UUID; ids we mint are v7, ids from seeds or older data may be other versions. */
export const Id = z.uuid();
export type Id = z.infer<typeof Id>;

/** Epoch milliseconds. */
export const Timestamp = z.number().int().nonnegative().max(8_640_000_000_000_000);
export type Timestamp = z.infer<typeof Timestamp>;
