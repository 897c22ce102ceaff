import { escapeHtml } from './escape.js';

/** Markup that is already safe (built by `html` or trusted code); anything else is escaped. */
export class SafeHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

/** Trusted markup, e.g. an SVG chart built with escaped labels. */
export const raw = (markup: string): SafeHtml => new SafeHtml(markup);

function piece(v: unknown): string {
  if (v instanceof SafeHtml) return v.html;
  if (Array.isArray(v)) return v.map(piece).join('');
  if (v === null || v === undefined || v === false) return '';
  return escapeHtml(v);
}

/**
 * A template tag that escapes every interpolated value unless it is `SafeHtml`, so text from the
 * journal cannot become markup by forgetting to escape it. Arrays are joined; null, undefined and
 * false render nothing.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += piece(v) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}
