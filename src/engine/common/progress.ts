/** Progress from a long operation to whoever hosts it (a VS Code progress notification, a CLI line). */
export interface ProgressUpdate {
  message: string;
  /** 0..100 of the whole operation, when it is known. */
  percent?: number;
}

export type ProgressSink = (update: ProgressUpdate) => void;

export const ignoreProgress: ProgressSink = () => {};
