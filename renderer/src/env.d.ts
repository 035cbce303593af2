/// <reference types="vite/client" />
import type { LabApi } from '../../shared/api';

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser (then the WebSocket bridge is used). */
    lab?: LabApi;
  }
}
