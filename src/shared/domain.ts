// Domain vocabulary shared by every layer. Names are English; the UI shows the guide's Spanish words.
import { z } from 'zod';

export const ROLES = ['admin', 'supervisor', 'agent'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** open = Abiertas, pending = Pendientes, snoozed = Pospuestas, resolved = Resueltas. */
export const STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const;
export const Status = z.enum(STATUSES);
export type Status = z.infer<typeof Status>;

export const CHANNEL_KINDS = ['whatsapp', 'email', 'webchat', 'facebook', 'instagram'] as const;
export const ChannelKind = z.enum(CHANNEL_KINDS);
export type ChannelKind = z.infer<typeof ChannelKind>;

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;

export const DIRECTIONS = ['inbound', 'outbound'] as const;
export const Direction = z.enum(DIRECTIONS);
export type Direction = z.infer<typeof Direction>;

/** METRICS.md: only `agent` outbound messages are human replies. */
export const AUTHOR_KINDS = ['contact', 'agent', 'bot', 'automation', 'system'] as const;
export const AuthorKind = z.enum(AUTHOR_KINDS);
export type AuthorKind = z.infer<typeof AuthorKind>;

export const DELIVERY_STATUSES = ['pending', 'sent', 'delivered', 'read', 'failed'] as const;
export const DeliveryStatus = z.enum(DELIVERY_STATUSES);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const IDENTITY_KINDS = ['phone', 'email', 'external'] as const;
export const IdentityKind = z.enum(IDENTITY_KINDS);
export type IdentityKind = z.infer<typeof IdentityKind>;

/** Built-in views of column 1. */
export const VIEW_KINDS = ['mine', 'unassigned', 'all', 'tray', 'category', 'tag'] as const;

export const LOCALES = ['es', 'en'] as const;
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;

export const THEMES = ['light', 'dark', 'system'] as const;
export const Theme = z.enum(THEMES);
export type Theme = z.infer<typeof Theme>;
