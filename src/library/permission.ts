/** Who a library change is recorded as: the door it came through and the user there. */
import type { Scope } from '../dispatch/types.ts';

export const actorOf = (scope: Scope) => `${scope.platform.id}:${scope.userId ?? 'unknown'}`.slice(0, 200);
