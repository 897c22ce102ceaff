import { existsSync, lstatSync, mkdirSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';

/** A path that arrived over the API and may not be used: says which path and why. */
export class PathRefused extends Error {
  constructor(
    readonly path: string,
    why: string,
  ) {
    super(`${path}: ${why}`);
    this.name = 'PathRefused';
  }
}

/**
 * The real path of a file that may not exist yet: its folder's real path joined with its name (the
 * folder must exist). A link that leads nowhere has no real path.
 */
function realOf(path: string): string | null {
  try {
    if (existsSync(path)) return realpathSync(path);
    if (lstatOrNull(path)?.isSymbolicLink()) return null;
    return join(realpathSync(dirname(path)), basename(path));
  } catch {
    return null;
  }
}

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

export type PathPolicy = {
  /** the folder a path from the API may live under (created on first use), e.g. `<config dir>/mappings` */
  readonly folder: string;
  /** paths named on the command line or in a connections file: usable wherever they are */
  readonly trusted: readonly string[];
};

/**
 * The file a path from the API (a page, the renderer) stands for, or a `PathRefused`. A bare or
 * relative name is taken inside `policy.folder`; the result, after resolving `..` and every
 * symlink (`realpath`), must lie inside that folder or be one of the trusted paths — so a page that
 * reached the API cannot make Linesight read or write a file anywhere else.
 */
export function confinePath(path: string, policy: PathPolicy): string {
  if (typeof path !== 'string' || path.trim() === '') throw new PathRefused(String(path), 'expected a file name');
  if (path.includes('\0')) throw new PathRefused(path.replace(/\0/g, '\\0'), 'a path cannot contain NUL');
  mkdirSync(policy.folder, { recursive: true });
  const folder = realpathSync(policy.folder);
  const full = isAbsolute(path) ? resolve(path) : resolve(folder, path);
  const real = realOf(full);
  if (real === null) throw new PathRefused(path, 'cannot be resolved: its folder does not exist, or it is a link that leads nowhere');
  if (real.startsWith(folder + sep) && real !== folder) return real;
  for (const t of policy.trusted) {
    const tReal = realOf(resolve(t));
    if (tReal !== null && tReal === real) return real;
  }
  throw new PathRefused(
    path,
    `refused: a file named over the API must be in ${folder} (after following links), or be named on the command line or in a connections file`,
  );
}
