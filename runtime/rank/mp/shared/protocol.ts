/** Requests to a process's object server and their replies (Control frames, v8 clones). Versioned. */

export const OBJECT_PROTOCOL_VERSION = 1;

/** First message on a connection: who is calling (a process index), for RLock owners and pipe ends. */
export interface ClientHello {
  t: 'hello';
  v: number;
  caller: number;
}

export interface CallRequest {
  t: 'call';
  req: number;
  id: number;
  method: string;
  args: unknown[];
}

export type CallReply =
  | { t: 'ok'; req: number; value: unknown }
  | { t: 'err'; req: number; error: { name: string; message: string } };

/** What a handle carries to another process: where the object lives and which one it is. */
export interface HandleData {
  kind: string;
  owner: string;
  id: number;
  /** Fixed facts a proxy may read without a round trip (a barrier's parties, an array's length). */
  facts?: Record<string, unknown>;
}

export const HANDLE_MARK = '__rankscopeHandle';
