import type { LabApi } from '../../../shared/api';
import { createWsLabApi } from './ws-client';

let api: LabApi | null = null;

/** The one LabApi of this window: Electron's preload if present, else the serve bridge. */
export function lab(): LabApi {
  if (api) return api;
  if (window.lab) return (api = window.lab);
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const proto = location.protocol === 'https:' ? 'wss' : 'ws';
  api = createWsLabApi(`${proto}://${location.host}/lab?token=${encodeURIComponent(token)}`);
  return api;
}
