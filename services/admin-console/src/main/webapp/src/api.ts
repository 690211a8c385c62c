import type Keycloak from 'keycloak-js';

export interface Violation { field: string; message: string }

/** A REST failure, with the problem detail and the field-level violations the console answered. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly violations: Violation[] = []) {
    super(message);
  }
}

/** Calls the console API with a fresh access token. */
export class Api {
  constructor(private readonly keycloak: Keycloak) {}

  get<T>(path: string): Promise<T> { return this.call<T>('GET', path); }
  put<T>(path: string, body: unknown): Promise<T> { return this.call<T>('PUT', path, body); }
  post<T>(path: string, body: unknown): Promise<T> { return this.call<T>('POST', path, body); }
  delete(path: string): Promise<void> { return this.call<void>('DELETE', path); }

  /**
   * The access token, renewed when it has less than 30 s left. When Keycloak cannot renew it (down, or the session
   * ended), the token held still works until it expires, so a short outage does not stop the console.
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

  /** Sends a file as it is (e.g. a WAV recording), with its own content type. */
  async upload<T>(path: string, file: Blob, contentType: string): Promise<T> {
    return this.call<T>('PUT', path, undefined, { body: file, type: contentType });
  }

  /** Reads a binary answer (e.g. a recording to play back). */
  async blob(path: string): Promise<Blob> {
    const response = await fetch(`/api${path}`, { headers: { Authorization: `Bearer ${await this.token()}` } });
    if (!response.ok) throw new ApiError(response.status, response.statusText);
    return response.blob();
  }

  private async call<T>(method: string, path: string, body?: unknown, raw?: { body: Blob; type: string }): Promise<T> {
    const response = await fetch(`/api${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${await this.token()}`,
        ...(raw ? { 'Content-Type': raw.type } : body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: raw ? raw.body : body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      let detail = response.statusText;
      let violations: Violation[] = [];
      try {
        const problem = await response.json();
        detail = problem.detail ?? problem.title ?? detail;
        violations = problem.violations ?? [];
      } catch {
        // not a problem document
      }
      throw new ApiError(response.status, detail, violations);
    }
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
