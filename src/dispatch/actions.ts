/**
 * What the actions under a reply ask for, as invocations: every platform's buttons and keys go
 * through here, so no platform names the commands behind them. Paging a reply's own pages and
 * opening a discussion are the platform's and the conversation module's business, not a command.
 */
import type { Action } from '../reply/model.ts';

export interface ActionRequest {
  command: string;
  args: Record<string, unknown>;
}

/**
 * The command an action runs. `asked` is the invocation the reply answered (for more results);
 * `style` the citation style chosen, for `cite`. Undefined for actions that are not a command.
 */
export function actionRequest(action: Pick<Action, 'kind' | 'target' | 'options'>, asked?: ActionRequest, style?: string): ActionRequest | undefined {
  switch (action.kind) {
    case 'translation':
      return { command: 'translate', args: { query: action.target } };
    case 'context':
      return { command: 'context', args: { passage: action.target } };
    case 'cite':
      return { command: 'cite', args: { passage: action.target, ...(style ? { style } : {}) } };
    case 'bibliography':
    case 'notes':
      return { command: 'notes', args: { kind: action.kind } };
    case 'next':
    case 'previous':
      return asked ? { command: asked.command, args: { ...asked.args, page: Number(action.options?.[0] ?? 1) } } : undefined;
    default:
      return undefined;
  }
}
