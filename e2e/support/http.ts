import http, { type IncomingHttpHeaders } from 'node:http';

export interface HttpInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The client socket's own address (any of 127.0.0.0/8 on Linux): how tests call from "another machine". */
  localAddress?: string;
}

export interface HttpResponse {
  status: number;
  text: string;
  headers: IncomingHttpHeaders;
}

/**
 * A plain HTTP request without keep-alive (global fetch keeps idle sockets open for seconds, which
 * holds Jest open after the tests).
 */
export function httpRequest(url: string, init: HttpInit = {}): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: init.method ?? 'GET', headers: init.headers, agent: false, localAddress: init.localAddress },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text, headers: response.headers }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.setTimeout(30_000, () => request.destroy(new Error(`${init.method ?? 'GET'} ${url} timed out`)));
    request.end(init.body);
  });
}
