/**
 * A fake OpenAI-compatible chat completions server on 127.0.0.1 for tests: records every request
 * and answers as the test says (content, delay, HTTP error). Real HTTP, real client.
 */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface FakeOpenAIRequest {
  path: string;
  body: { model?: string; messages?: { role: string; content: string }[] } & Record<string, unknown>;
}

export type FakeBehaviour =
  | { kind: "reply"; content: string | ((request: FakeOpenAIRequest) => string) }
  | { kind: "delay"; ms: number; content: string }
  | { kind: "error"; status: number };

export interface FakeOpenAI {
  baseUrl: string;
  requests: FakeOpenAIRequest[];
  /** Answers sent so far (a delayed answer counts once it is sent). */
  readonly responded: number;
  behaviour: FakeBehaviour;
  close(): Promise<void>;
}

export async function startFakeOpenAI(behaviour: FakeBehaviour = { kind: "reply", content: "" }): Promise<FakeOpenAI> {
  const requests: FakeOpenAIRequest[] = [];
  const sockets = new Set<Socket>();
  const state = { behaviour, responded: 0 };
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const request: FakeOpenAIRequest = { path: req.url ?? "", body: raw ? JSON.parse(raw) : {} };
      requests.push(request);
      const b = state.behaviour;
      const send = (content: string) => {
        state.responded += 1;
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            id: "chatcmpl-test",
            object: "chat.completion",
            created: 1764390000,
            model: request.body.model ?? "test-model",
            choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
            usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
          }),
        );
      };
      if (b.kind === "error") {
        res.writeHead(b.status, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "fake failure", type: "server_error" } }));
      } else if (b.kind === "delay") {
        setTimeout(() => {
          if (!res.destroyed) send(b.content);
        }, b.ms);
      } else {
        send(typeof b.content === "function" ? b.content(request) : b.content);
      }
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    get responded() {
      return state.responded;
    },
    get behaviour() {
      return state.behaviour;
    },
    set behaviour(value: FakeBehaviour) {
      state.behaviour = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
