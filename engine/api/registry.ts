/**
 * The API's handlers, one group per domain (`*-handlers.ts`), combined into one registry. The
 * names come from the contract's `API_CALLS` only: `combine` refuses a name two groups both answer,
 * and the registry must cover exactly `API_CALLS` — checked by the compiler (`Combined` below) and
 * again when a host starts.
 */
import { API_CALLS, type AllCalls, type CallName, type Commands, type Queries } from '../contract/index.js';

/** Some of the API's calls, each with its handler: what a domain's `*Handlers(…)` returns. */
export type HandlerGroup = { readonly [N in CallName]?: AllCalls[N] };

/** The handlers of the named calls. */
export type Handlers<N extends CallName> = Pick<AllCalls, N>;

/** The names a group (or a union of groups) answers. */
type NamesOf<G> = G extends unknown ? keyof G : never;

/**
 * What `combine` returns: every call's handler when the groups cover exactly `API_CALLS`;
 * otherwise a type naming what is missing or unknown, which no host accepts as `AllCalls`.
 */
export type Combined<G extends readonly HandlerGroup[]> = [Exclude<CallName, NamesOf<G[number]>>] extends [never]
  ? [Exclude<NamesOf<G[number]>, CallName>] extends [never]
    ? AllCalls
    : { readonly 'not calls of API_CALLS': Exclude<NamesOf<G[number]>, CallName> }
  : { readonly 'calls without a handler': Exclude<CallName, NamesOf<G[number]>> };

/**
 * One registry from the domains' groups. Throws when two groups answer the same call, or when the
 * groups together do not answer exactly the calls of `API_CALLS` (a missing handler, an unknown name).
 */
export function combine<const G extends readonly HandlerGroup[]>(...groups: G): Combined<G> {
  const all: Record<string, unknown> = {};
  for (const group of groups) {
    for (const [name, handler] of Object.entries(group)) {
      if (Object.prototype.hasOwnProperty.call(all, name)) throw new Error(`two handlers for the API call ${name}`);
      all[name] = handler;
    }
  }
  checkCoverage(all);
  return all as Combined<G>;
}

/** Throws unless `handlers` holds a function for every call of `API_CALLS` and nothing else. */
export function checkCoverage(handlers: Readonly<Record<string, unknown>>): void {
  const missing = Object.keys(API_CALLS).filter((name) => typeof handlers[name] !== 'function');
  const unknown = Object.keys(handlers).filter((name) => !Object.prototype.hasOwnProperty.call(API_CALLS, name));
  const problems = [
    ...(missing.length > 0 ? [`no handler for ${missing.join(', ')}`] : []),
    ...(unknown.length > 0 ? [`handlers for calls API_CALLS does not list: ${unknown.join(', ')}`] : []),
  ];
  if (problems.length > 0) throw new Error(`the API registry is incomplete: ${problems.join('; ')}`);
}

/** The registry as `LinesightApi` holds it: the commands and the queries, each in `API_CALLS` order. */
export function byKind(handlers: AllCalls): { readonly commands: Commands; readonly queries: Queries } {
  const table = (kind: 'command' | 'query') =>
    Object.fromEntries(
      Object.entries(API_CALLS)
        .filter(([, call]) => call.kind === kind)
        .map(([name]) => [name, handlers[name as CallName]]),
    );
  // complete by construction: `handlers` answers every call, and each goes to the table of its kind
  return { commands: table('command') as Commands, queries: table('query') as Queries };
}
