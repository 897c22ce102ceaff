/**
 * What the desktop shell's preload exposes as `window.linesight` (electron/preload.ts), declared
 * here because the renderer may not import electron/. Types only and free of the DOM, so pure
 * renderer logic (and its tests) can name them.
 */

/**
 * The desktop app's remembered broker passwords (electron/secrets-ipc.ts), sealed by the OS key
 * store. The browser host has none: there a password is asked each time.
 */
export type SecretsBridge = {
  /** `canRemember` is false where no OS key store protects a password (Linux `basic_text`) */
  status(): Promise<{ readonly canRemember: boolean }>;
  /** the remembered password of the connection named so, or null */
  get(name: string): Promise<string | null>;
  /** rejects where `canRemember` is false */
  remember(name: string, password: string): Promise<void>;
  forget(name: string): Promise<void>;
};

/** `window.linesight` in the desktop shell. */
export type LinesightBridge = {
  call(kind: 'command' | 'query', name: string, args: unknown): Promise<unknown>;
  onFrame(callback: (frame: unknown) => void): () => void;
  /** present in the desktop shell (absent from an older preload) */
  readonly secrets?: SecretsBridge;
};
