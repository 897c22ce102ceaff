/**
 * A B2MML document that cannot be imported. The message is one line naming the file and the
 * element, `schedule.xml: ProductionSchedule/ProductionRequest[2]/SegmentRequirement: MaterialRequirement
 * without MaterialDefinitionID`, so the CLI can print it as it is. Nothing of a refused document is imported.
 */
export class B2mmlError extends Error {
  override readonly name = 'B2mmlError';
  readonly file: string;
  /** element path (`Root/Child[2]/…`, an index only where siblings share the name); '' for the whole file */
  readonly path: string;
  readonly reason: string;

  constructor(file: string, path: string, reason: string) {
    super(path === '' ? `${file}: ${reason}` : `${file}: ${path}: ${reason}`);
    this.file = file;
    this.path = path;
    this.reason = reason;
  }
}
