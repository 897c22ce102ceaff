/** Mappings for MQTT traffic outside Linesight's namespace: generic JSON, UMH v1, Sparkplug B. */
export { parseMappings, loadMappings } from './parse-mappings.js';
export { MappingError } from './mapping-error.js';
export { createMapper, type Mapper } from './mapper.js';
export { createSequenceWatch, type SequenceWatch } from './sequence-watch.js';
export type { DataGap, Mapping, MappingSet, SparkplugNodeStatus } from './types.js';
