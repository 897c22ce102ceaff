/**
 * The main-process end of the remembered broker passwords (electron/secrets.ts): four invoke
 * channels, each checking the sender (the app's own page, as `linesight:call` does) and its
 * arguments before the store is touched. Errors name the connection at most, never a password.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { SECRETS_FORGET_CHANNEL, SECRETS_GET_CHANNEL, SECRETS_REMEMBER_CHANNEL, SECRETS_STATUS_CHANNEL } from './channels.js';
import { checkSender } from './ipc.js';
import type { SecretStore } from './secrets.js';

/** Connection names are short (the engine's name, or its URL without user info). */
export const MAX_NAME_LENGTH = 200;
export const MAX_PASSWORD_LENGTH = 4096;

/** Thrown (the invoke rejects) for arguments of the wrong type or size. */
export class BadSecretRequestError extends TypeError {
  constructor(message: string) {
    super(`linesight: ${message}`);
    this.name = 'BadSecretRequestError';
  }
}

type Sender = Pick<IpcMainInvokeEvent, 'senderFrame'>;

/** What `linesight:secrets:status` answers. */
export type SecretsStatus = { readonly canRemember: boolean };

function nameOf(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_NAME_LENGTH) {
    throw new BadSecretRequestError(`a connection name is a non-empty string of at most ${MAX_NAME_LENGTH} characters`);
  }
  return value;
}

function passwordOf(value: unknown): string {
  if (typeof value !== 'string' || value === '' || value.length > MAX_PASSWORD_LENGTH) {
    throw new BadSecretRequestError(`a password is a non-empty string of at most ${MAX_PASSWORD_LENGTH} characters`);
  }
  return value;
}

/** The four handlers by channel; Electron-free so tests call them with fake events and a fake store. */
export function createSecretHandlers(store: SecretStore) {
  return {
    [SECRETS_STATUS_CHANNEL]: (event: Sender): SecretsStatus => {
      checkSender(event);
      return { canRemember: store.canRemember() };
    },
    [SECRETS_GET_CHANNEL]: (event: Sender, name: unknown): string | null => {
      checkSender(event);
      return store.get(nameOf(name));
    },
    [SECRETS_REMEMBER_CHANNEL]: (event: Sender, name: unknown, password: unknown): void => {
      checkSender(event);
      // the store refuses (throws) where no OS key store protects the password: basic_text on Linux
      store.remember(nameOf(name), passwordOf(password));
    },
    [SECRETS_FORGET_CHANNEL]: (event: Sender, name: unknown): void => {
      checkSender(event);
      store.forget(nameOf(name));
    },
  } as const;
}

/** Register the handlers (after `ready`); returns the function that removes them. */
export function registerSecretsIpc(store: SecretStore): () => void {
  const handlers = createSecretHandlers(store);
  const channels = Object.keys(handlers) as (keyof typeof handlers)[];
  for (const channel of channels) ipcMain.handle(channel, handlers[channel] as (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown);
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
