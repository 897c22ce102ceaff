import type { BusinessEventType, System } from '../../../model/index.js';
import type { JsonPath } from './json-path.js';
import type { TopicPattern } from './topic-pattern.js';
import type { Template } from './template.js';

/** A unit conversion applied to one numeric data field before validation. */
export type UnitRule = {
  readonly field: string;
  /** the payload's unit: a fixed code, or a path to read it from each message */
  readonly from: { readonly unit: string } | { readonly path: JsonPath };
  /** the canonical unit; also becomes the event's `uom` */
  readonly to: string;
};

/** Where an event type comes from: fixed, or looked up from a payload value in a table. */
export type TypeRule =
  | { readonly kind: 'fixed'; readonly type: BusinessEventType }
  | { readonly kind: 'table'; readonly path: JsonPath; readonly types: ReadonlyMap<string, BusinessEventType> };

/** Generic JSON traffic: topic captures and payload paths become one canonical event per message. */
export type JsonMapping = {
  readonly kind: 'json';
  /** 1-based position in the file, to name the mapping in quarantine details */
  readonly index: number;
  /** its line in the file */
  readonly at: number;
  readonly topic: TopicPattern;
  readonly type: TypeRule;
  readonly plant: Template;
  readonly line: Template;
  /** absent: the system of the event type (`mes.…` → mes) */
  readonly system?: System;
  readonly fields: ReadonlyMap<string, JsonPath>;
  /** constants for fields the payload does not carry (e.g. `uom: EA`) */
  readonly values: ReadonlyMap<string, string | number | boolean>;
  readonly units: readonly UnitRule[];
  readonly businesskey?: Template;
  readonly correlationid?: Template;
  readonly time?: JsonPath;
  readonly sequence?: JsonPath;
  readonly origin?: JsonPath;
};

/** United Manufacturing Hub data model v1 (`umh/v1/…/_analytics/…`). */
export type UmhMapping = {
  readonly kind: 'umh';
  readonly index: number;
  /** its line in the file */
  readonly at: number;
  /** default `{site}` */
  readonly plant: Template;
  /** default `{productionLine}` */
  readonly line: Template;
};

/** A metric whose presence in NDATA/DDATA emits one canonical event. */
export type SparkplugEvent = {
  readonly metric: string;
  readonly type: BusinessEventType;
  readonly system?: System;
  /** data field ← metric name in the same payload (aliases resolved from the birth) */
  readonly fields: ReadonlyMap<string, string>;
  readonly values: ReadonlyMap<string, string | number | boolean>;
  readonly units: readonly UnitRule[];
};

/** Sparkplug B (`spBv1.0/{group}/{verb}/{edgeNode}[/{device}]`). */
export type SparkplugMapping = {
  readonly kind: 'sparkplug';
  readonly index: number;
  /** its line in the file */
  readonly at: number;
  /** absent: every group */
  readonly group?: string;
  readonly plant: Template;
  /** absent: every edge node must be in `lines` */
  readonly line?: Template;
  /** edge node → line; wins over `line` */
  readonly lines: ReadonlyMap<string, string>;
  readonly events: readonly SparkplugEvent[];
};

export type Mapping = JsonMapping | UmhMapping | SparkplugMapping;

/** A parsed mappings file: tried in order, the first mapping whose topic matches applies. */
export type MappingSet = {
  readonly file: string;
  readonly mappings: readonly Mapping[];
};

export type { DataGap, SparkplugNodeStatus } from '../../contract/index.js';
