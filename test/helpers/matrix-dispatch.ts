/** The one place the Matrix tests take their dispatch from: the real commands on the real corpus. */
export { createRealDispatch as createTestDispatch } from './real-dispatch.ts';
