/** The conversation module: threads, Discuss, Ibid., the work under discussion, pending pages, the one pager, and each thread's notes. */
export { conversationKey, placeOf, type ThreadPlace } from './key.ts';
export { ConversationStore, CONVERSATIONS_FILE, notSaved, type Opening, type ThreadScope } from './store.ts';
export { discussionIntro, discussionTitle, discussRequest, openingOf } from './discuss.ts';
export { PendingStore, type PendingPages } from './pending.ts';
export { RecentStore } from './recent-answers.ts';
export { fitPages, scaleBudget, type PageFit } from './pager.ts';
export type { NoteEntry, ThreadRecord, LastCitation } from './records.ts';
export type { Asker } from './notes-log.ts';
