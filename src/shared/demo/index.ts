// src/shared/demo — the deterministic demo workspace "Seguros Andes", pure TypeScript (no I/O): seeded
// randomness, Spanish scripts, and one row generator that the core's SQLite seed and the server's demo
// workspace both write. Not re-exported by src/shared/index.ts: faker stays out of the renderer's bundle.
// Import credentials.ts directly where only the sign-in is needed.
export * from './credentials';
export * from './generate';
export { createRandom, type DemoRandom } from './random';
export { DEMO_AGENTS, DEMO_CHANNELS, DEMO_TAGS, SCENARIOS, type Scenario } from './scripts';
