// Math as a module binding, for modules with hot numeric loops (`import { Math } from
// '../core/local-math'`). Under jest each test file runs in a vm sandbox where every global name
// is looked up through the sandbox's interceptor, ~30x slower than reading an import: training
// the model took ten times longer under jest than under node. Nothing changes outside jest.
export const Math = globalThis.Math;
