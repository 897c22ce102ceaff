import type { InspectorMessage } from '../../../engine/contract/index.js';

/** A mappings file entry to start from for a topic no mapping covers yet: YAML, with the payload's keys as hints. */
export function draftMapping(topic: string, message: InspectorMessage | undefined): string {
  const levels = topic.split('/');
  if (topic.startsWith('spBv1.0/')) {
    const [, group = 'GROUP', , edge = 'EDGE'] = levels;
    const metrics = message?.payload.kind === 'sparkplug' ? metricNames(message.payload.text) : [];
    return [
      'mappings:',
      '  - kind: sparkplug',
      `    group: ${yamlString(group)}`,
      '    plant: PLANT            # the plant these edge nodes belong to',
      `    lines: { ${yamlString(edge)}: LINE }   # edge node → line`,
      '    events:',
      '      - metric: METRIC      # a metric whose presence in NDATA/DDATA is one event',
      '        type: mes.operation.confirmed',
      '        fields: { order: METRIC, goodQty: METRIC }',
      ...(metrics.length > 0 ? ['# metrics in this payload:', ...metrics.map((m) => `#   ${m}`)] : []),
      '',
    ].join('\n');
  }
  if (topic.startsWith('umh/v1/')) return 'mappings:\n  - kind: umh\n';
  const keys = message?.payload.kind === 'json' ? jsonKeys(message.payload.text) : null;
  const lines = [
    'mappings:',
    '  - kind: json',
    `    topic: ${yamlString(topic)}   # +name captures one level, # the rest`,
    '    type: mes.operation.confirmed   # the event type this message means',
    '    plant: PLANT',
    '    line: LINE',
    '    fields:                         # data field ← payload path',
    ...(keys === null || keys.length === 0 ? ['      order: $.order'] : keys.map((k) => `      # FIELD: $.${k}`)),
    '',
  ];
  if (keys === null) lines.unshift('# this payload is not JSON: only JSON, UMH and Sparkplug B traffic can be mapped');
  return lines.join('\n');
}

function jsonKeys(text: string): string[] | null {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.keys(v).filter((k) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) : [];
  } catch {
    return null;
  }
}

function metricNames(text: string): string[] {
  try {
    const v = JSON.parse(text) as { metrics?: { name?: unknown }[] };
    return (v.metrics ?? []).flatMap((m) => (typeof m.name === 'string' ? [m.name] : []));
  } catch {
    return [];
  }
}

const yamlString = (s: string): string => (/^[A-Za-z0-9_./+#-]+$/.test(s) && !s.startsWith('#') ? s : JSON.stringify(s));
