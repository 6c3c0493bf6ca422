/** Raw HTTP for the security tests: fetch cannot send a Host header of its own choosing. */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after } from "node:test";
import { getInstance } from "@/app/instance";
import { createFastPath, createRequestListener } from "@/server/fast-path";

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function rawRequest(base: string, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, method: options.method ?? "GET", path: options.path, headers: options.headers, agent: false },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}

/**
 * The server's request entry (server/main.ts's listener) over the fast path, with a 404 where Next would
 * answer; built from the configuration in force when called.
 */
export async function listenLikeServer(): Promise<string> {
  const server = http.createServer(createRequestListener(createFastPath(getInstance()), (_req, res) => res.writeHead(404).end("next")));
  server.keepAliveTimeout = 100;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  after(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
