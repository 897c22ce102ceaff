import { basename } from 'node:path';
import type { HostContext } from './host-context.js';
import type { Handlers } from './registry.js';

/** Journaled events: a page of them, and the filtered events written to a file (offered as a download where the host serves exports). */
export function eventsHandlers(ctx: HostContext): Handlers<'events.page' | 'events.export'> {
  return {
    'events.page': async (args) => ctx.journal.eventsPage(args),
    'events.export': async (args) => {
      const result = await ctx.journal.exportEvents(args, ctx.exportDir);
      const name = basename(result.path);
      return { ...result, href: ctx.exportBaseUrl === null ? null : ctx.exportBaseUrl + encodeURIComponent(name) };
    },
  };
}
