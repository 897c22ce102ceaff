export { importB2mml, type B2mmlImport } from './import-b2mml.js';
export { B2mmlError } from './b2mml-error.js';
export { decodeXml } from './xml-bytes.js';
export { formatWarning, type B2mmlWarning } from './b2mml-warning.js';
export type { ImportOptions as B2mmlImportOptions, KnownRequest } from './emitter.js';
export { B2MML_KINDS, B2MML_NAMESPACES, type B2mmlKind, type B2mmlVersion } from './document.js';
export { USABLE_LOT_STATUSES } from './material.js';
