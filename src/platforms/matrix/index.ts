/** The Matrix platform: `startMatrixBot` runs the bot; the renderer is pure and usable on its own. */
export { startMatrixBot, type MatrixBot, type MatrixBotOptions } from './bot.ts';
export { renderMatrix, type MatrixLayout, type MatrixRenderOptions, type RenderedMessage } from './render.ts';
export type { Attachment } from './events.ts';
