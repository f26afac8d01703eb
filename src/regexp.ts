/** A string matched literally inside a RegExp source (names and spellings built into patterns). */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
