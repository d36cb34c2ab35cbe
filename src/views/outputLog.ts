import * as vscode from 'vscode';
import { Logger } from '../api/logger';

/** The API layer's logger, written to the "Workspace Jobs" log channel (level set by the user). */
export function channelLogger(channel: vscode.LogOutputChannel): Logger {
  return {
    debug: (message) => channel.debug(message),
    info: (message) => channel.info(message),
    warn: (message) => channel.warn(message),
    error: (message) => channel.error(message),
  };
}
