/**
 * Dispatch's check of what a command declares it needs (`CommandNeeds`): the group's collection,
 * the organiser permission, a file. Refusals are user errors with stable identifiers, worded by
 * the platform the command came through.
 */
import { UserError } from '../errors.ts';
import type { CommandDefinition, CommandNeeds, Scope } from './types.ts';

type When = NonNullable<NonNullable<CommandNeeds['permission']>['when']>;

const given = (v: unknown) => v !== undefined && v !== null && v !== '';

/** Does a need apply to these arguments: always without `when`, else when one condition holds. */
export function applies(when: When | undefined, args: Record<string, unknown>): boolean {
  if (!when) return true;
  return when.some((w) => given(args[w.option]) && (!w.values || w.values.includes(String(args[w.option]))));
}

/** Whoever asks holds the organiser permission: as the platform judged it, or on an operator's own door. */
export const holdsManage = (scope: Scope): boolean => scope.canManage ?? scope.platform.operator === true;

/** A need's words name commands as `{cmd}works`: here the platform's prefix takes the place of `{cmd}`. */
export const withPrefix = (text: string, scope: Scope): string => text.replaceAll('{cmd}', scope.platform.commandPrefix);

/** Throws the user error for the first need the invocation does not meet. */
export function checkNeeds(def: CommandDefinition, args: Record<string, unknown>, scope: Scope): void {
  const needs = def.needs;
  if (!needs) return;
  const { collection, permission, attachment } = needs;
  if (collection && applies(collection.when, args) && scope.collection === undefined) {
    throw new UserError(collection.error ?? `${def.name}.no-collection`, withPrefix(collection.message, scope));
  }
  if (permission && applies(permission.when, args) && !holdsManage(scope)) {
    throw new UserError(permission.error ?? `${def.name}.not-allowed`, scope.platform.describePermission(permission.name, withPrefix(permission.doing, scope)));
  }
  if (attachment && applies(attachment.when, args) && !given(args.attachment)) {
    throw new UserError(attachment.error ?? `${def.name}.no-file`, scope.platform.describeAttachment(attachment.usage));
  }
}
