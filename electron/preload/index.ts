/**
 * The UI bridge (sandboxed preload, built as CommonJS). Placeholder: the typed store API and the
 * MessagePort hand-over are written out method by method in a later issue (no generic invoke).
 */
import { contextBridge } from 'electron';

export interface CountersignBridge {
  readonly edition: 'desktop';
}

const bridge: CountersignBridge = Object.freeze({ edition: 'desktop' });

contextBridge.exposeInMainWorld('countersign', bridge);
