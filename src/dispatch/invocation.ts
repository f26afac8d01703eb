/**
 * The one seam between platforms and commands. A platform turns what the user did (a slash
 * command, a `!quote …` message, a console line, a button) into an Invocation and hands it to
 * `Dispatch`; it gets back a neutral Reply (an error Reply for user errors, never an exception
 * for them) and renders it.
 */
import type { Reply } from '../reply/model.ts';
import type { Scope } from './types.ts';

export interface Invocation {
  command: string;
  /** Raw option values by option name, as the platform received them; the command's zod schema validates them. */
  args: Record<string, unknown>;
  scope: Scope;
  /** For logs: the platform's id of the request (interaction id, event id…). */
  requestId?: string;
}

export type Dispatch = (invocation: Invocation) => Promise<Reply>;

/** Autocomplete: the platform asks for choices for one option while the user types. */
export interface AutocompleteRequest {
  command: string;
  option: string;
  value: string;
  args: Record<string, unknown>;
  scope: Scope;
}
export interface Choice {
  name: string;
  value: string;
}
export type Autocomplete = (request: AutocompleteRequest) => Promise<Choice[]>;
