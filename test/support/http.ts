/** One HTTP exchange, the body kept both raw and parsed (`json` is undefined when not JSON). */
export interface HttpResult<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  json: T;
}

export async function request<T = unknown>(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpResult<T>> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: init.headers ?? {},
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json: json as T };
}

/** Bearer-authenticated JSON calls against one base URL (`token` undefined sends none). */
export function jsonClient(baseUrl: string, token: string | undefined) {
  const headersFor = (extra: Record<string, string> = {}): Record<string, string> => ({
    accept: 'application/json',
    ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    ...extra,
  });
  return {
    get<T = unknown>(path: string, headers?: Record<string, string>) {
      return request<T>(`${baseUrl}${path}`, { headers: headersFor(headers) });
    },
    post<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) {
      return request<T>(`${baseUrl}${path}`, {
        method: 'POST',
        headers: headersFor({
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        }),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    },
  };
}

export type JsonClient = ReturnType<typeof jsonClient>;
