// src/shared/mutators — the one implementation of every named mutation (src/shared/mutations.ts), run by
// the replica's core (synchronously, SQLite) and by the server (asynchronously, PostgreSQL/PGlite) through
// the generator protocol of runtime.ts. A rule checked here is checked identically on both sides.
import type { MutationArgsOf, MutationName } from '../mutations';
import { resolve } from './closing';
import { addTag, assign, move, removeTag, setStatus } from './conversation';
import { addContactIdentity, createCompany, setContactCompany, updateContact } from './contacts';
import { mergeConversations } from './merge';
import { addDescriptiveNote, addNote, logExternalContact, markCustomerConfirmed, sendReply } from './messages';
import { setFollowUp, snooze } from './reminders';
import type { MutatorEnv, Tx } from './runtime';
import { reorder, saveCategory, saveDisposition, saveSettings, saveTag, saveTray, setTrayMembers } from './settings';
import { createTask, createTicket, linkTicket, unlinkTicket, updateTask, updateTicket } from './work';

export type AnyMutator<N extends MutationName> = (env: MutatorEnv, args: MutationArgsOf<N>) => Tx<unknown>;

export const MUTATORS: { [N in MutationName]: AnyMutator<N> } = {
  assign,
  move,
  setStatus,
  resolve,
  snooze,
  setFollowUp,
  addTag,
  removeTag,
  addNote,
  addDescriptiveNote,
  logExternalContact,
  sendReply,
  markCustomerConfirmed,
  mergeConversations,
  createTask,
  updateTask,
  createTicket,
  updateTicket,
  linkTicket,
  unlinkTicket,
  createCompany,
  setContactCompany,
  updateContact,
  addContactIdentity,
  saveTray,
  saveCategory,
  saveTag,
  saveDisposition,
  reorder,
  saveSettings,
  setTrayMembers,
};

export * from './runtime';
export { checkAction, closingCheck } from './closing';
export { descriptiveBody } from './messages';
export { FIELD_LABELS_ES } from './notes-rules';
