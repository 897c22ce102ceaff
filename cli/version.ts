/** Linesight's version: the engine's lookup (engine/host/version.ts), which the API's evidence packs name too. */
export { version } from '../engine/host/version.js';
