import { API_CALLS, type CallKind, type Commands, type Queries } from '../../engine/contract/index.js';

/** Sends one call to the host and resolves with its result (transport-specific). */
export type Request = (kind: 'command' | 'query', name: string, args: unknown) => Promise<unknown>;

/**
 * The contract's commands and queries as calls to a remote host, shared by every transport
 * (WebSocket, Electron IPC): one forwarding function per entry of `API_CALLS`, so a call the
 * contract gains is here without a line of its own.
 */
export function remoteCalls(request: Request): { readonly commands: Commands; readonly queries: Queries } {
  const table = (kind: CallKind) =>
    Object.fromEntries(
      Object.entries(API_CALLS)
        .filter(([, call]) => call.kind === kind)
        .map(([name]) => [name, (args?: unknown) => request(kind, name, args)]),
    );
  // The casts are the transport's trust boundary: the host answers with the contract's result types,
  // and the tables hold every call of their kind because they are built from the one list.
  return { commands: table('command') as Commands, queries: table('query') as Queries };
}
