/**
 * The one place the Matrix tests take their dispatch from. It is the fake until the real commands
 * are in: then this line becomes
 *   export { createRealDispatch as createTestDispatch } from './real-dispatch.ts';
 * and the tests run unchanged on the real corpus.
 */
export { createFakeDispatch as createTestDispatch } from './fake-dispatch.ts';
