const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text for HTML element content and quoted attribute values. Everything the journal holds may come
 * from outside (MQTT, imports, injections), so every such string passes through here; control
 * characters other than tab and newline are dropped as well, since HTML has no way to show them.
 */
export function escapeHtml(value: unknown): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point: HTML cannot show them
  return String(value).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
