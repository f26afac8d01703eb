/**
 * Who may add, edit or remove a group's texts. The platform says so in `scope.canManage` (Discord:
 * the Manage Server permission; Matrix: the sender's power level against MATRIX_LIBRARY_POWER_LEVEL);
 * a Matrix scope that carries only the power level is judged here. The console and the CLI are the
 * operator's own. Anything else, including a platform that said nothing, may not.
 */
import type { Scope } from '../dispatch/types.ts';
import type { Config } from '../config.ts';

export function canManageLibrary(scope: Scope & { powerLevel?: number }, config: Pick<Config, 'MATRIX_LIBRARY_POWER_LEVEL'>): boolean {
  if (scope.canManage !== undefined) return scope.canManage;
  if (scope.platform === 'console' || scope.platform === 'cli') return true;
  if (scope.platform === 'matrix' && typeof scope.powerLevel === 'number') return scope.powerLevel >= config.MATRIX_LIBRARY_POWER_LEVEL;
  return false;
}

export const actorOf = (scope: Scope) => `${scope.platform}:${scope.userId ?? 'unknown'}`.slice(0, 200);
