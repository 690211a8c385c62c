import type Keycloak from 'keycloak-js';
import type { Frame } from './types';

/** A REST failure, with the problem detail the service answered. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** Calls the desktop API with a fresh access token. */
export class Api {
  constructor(private readonly keycloak: Keycloak) {}

  /**
   * The access token, renewed when it has less than 30 s left. When Keycloak cannot renew it (down, or the session
   * ended), the token held still works until it expires, so the agent keeps working through a short outage.
   */
  async token(): Promise<string> {
    try {
      await this.keycloak.updateToken(30);
    } catch {
      if (!this.keycloak.token || this.keycloak.isTokenExpired()) {
        throw new ApiError(401, 'Your sign-in could not be renewed (the sign-in service is not answering, or your session ended); reload the page to sign in again');
      }
    }
    return this.keycloak.token ?? '';
  }

  async get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  async send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T | undefined> {
    return this.call<T>(method, path, body);
  }

  /** A download (CSV, a fax, a thumbnail) as a blob, read with the token. */
  async blob(path: string, accept = '*/*'): Promise<Blob> {
    const response = await fetch(`/api${path}`, { headers: { Authorization: `Bearer ${await this.token()}`, Accept: accept } });
    if (!response.ok) throw new ApiError(response.status, (await response.json().catch(() => ({}))).detail ?? response.statusText);
    return response.blob();
  }

  /** A body that is not JSON (a CSV list), answered with JSON. */
  async upload<T>(method: 'POST' | 'PUT', path: string, body: string, contentType: string): Promise<T> {
    const response = await fetch(`/api${path}`, {
      method, body, headers: { Authorization: `Bearer ${await this.token()}`, 'Content-Type': contentType },
    });
    if (!response.ok) throw await problem(response);
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`/api${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${await this.token()}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw await problem(response);
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/** The service's problem document (with every field violation) as an error. */
async function problem(response: Response): Promise<ApiError> {
  let detail = response.statusText;
  try {
    const document = await response.json();
    detail = document.detail ?? document.title ?? detail;
    if (Array.isArray(document.violations) && document.violations.length) {
      detail += `: ${document.violations.map((v: { field: string; message: string }) => `${v.field} ${v.message}`).join('; ')}`;
    }
  } catch {
    // not a problem document
  }
  return new ApiError(response.status, detail);
}

/**
 * The live socket: signs in with the access token as its first frame, re-sends a refreshed token,
 * and reconnects with backoff (the caller re-reads its lists on every `ready`).
 */
export class LiveSocket {
  private socket?: WebSocket;
  private attempt = 0;
  private stopped = false;
  private refresh?: number;

  constructor(
    private readonly api: Api,
    private readonly onFrame: (frame: Frame) => void,
    private readonly onState: (connected: boolean) => void,
  ) {}

  connect(): void {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/ws/desktop`);
    this.socket = socket;
    socket.onopen = async () => {
      this.attempt = 0;
      socket.send(JSON.stringify({ type: 'auth', token: await this.api.token() }));
      this.refresh = window.setInterval(async () => {
        if (socket.readyState === WebSocket.OPEN) {
          socket.send(JSON.stringify({ type: 'auth', token: await this.api.token() }));
        }
      }, 60_000);
    };
    socket.onmessage = (event) => {
      const frame = JSON.parse(event.data) as Frame;
      if (frame.type === 'ready') this.onState(true);
      this.onFrame(frame);
    };
    socket.onclose = () => {
      window.clearInterval(this.refresh);
      this.onState(false);
      if (!this.stopped) {
        const delay = Math.min(10_000, 500 * 2 ** this.attempt++);
        window.setTimeout(() => this.connect(), delay);
      }
    };
  }

  close(): void {
    this.stopped = true;
    this.socket?.close();
  }
}
