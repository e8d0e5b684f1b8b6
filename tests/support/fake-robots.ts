// The group robots the duty chief's phone listens to cannot be reached from a test, so this local
// server behaves as each one's published API says (issue 26), and records what it took:
// - DingTalk custom robot (open.dingtalk.com, 自定义机器人): POST /robot/send?access_token=…;
//   with 加签, `timestamp` (ms, within an hour) and `sign` = Base64(HMAC-SHA256(secret,
//   timestamp + "\n" + secret)), else errcode 310000; 20 messages a minute, then errcode 130101
//   and blocked for 10 minutes; every verdict in an HTTP 200 body {errcode, errmsg}.
// - WeCom group robot (developer.work.weixin.qq.com, 群机器人): POST /cgi-bin/webhook/send?key=…;
//   an unknown key errcode 93000; 20 a minute, then errcode 45009.
// - Feishu custom bot (open.feishu.cn, 自定义机器人): POST /open-apis/bot/v2/hook/<hook>; with
//   签名校验, `timestamp` (s, within an hour) and `sign` = Base64(HMAC-SHA256(timestamp + "\n" +
//   secret, "")) in the body, else code 19021; 5 a second and 100 a minute, then code 11232.
// - A generic webhook checking X-Fraudwall-Signature = sha256=hex(HMAC-SHA256(secret,
//   timestamp + "." + body)).
// Written from the documentation apart from fraudwall's code (server/alerts/webhook-request.ts),
// sharing nothing with it but node:crypto.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RobotKind = 'dingtalk' | 'wecom' | 'feishu' | 'webhook';

/** A message a robot took, as the group would see it. */
export interface Taken {
  readonly robot: string;
  readonly atMs: number;
  readonly text: string;
}

/** Every request, taken or refused, with the robot's verdict. */
export interface Attempt {
  readonly robot: string;
  readonly atMs: number;
  readonly status: number;
  readonly code: number | undefined;
}

interface Robot {
  readonly kind: RobotKind;
  readonly secret?: string;
  /** When each taken message arrived, for the per-minute limit. */
  readonly times: number[];
  blockedUntil: number;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;

export class FakeRobots {
  readonly taken: Taken[] = [];
  readonly attempts: Attempt[] = [];
  /** 'ok'; 'http-503': answers 503; 'reset': drops the connection unanswered. */
  mode: 'ok' | 'http-503' | 'reset' = 'ok';
  readonly #robots = new Map<string, Robot>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeRobots> {
    let robots: FakeRobots | undefined;
    const server = createServer((req, res) => void robots!.#answer(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    robots = new FakeRobots(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return robots;
  }

  /** A robot's webhook URL, as the service hands it out. */
  dingtalk(token: string, secret?: string): string {
    this.#add(`dingtalk:${token}`, 'dingtalk', secret);
    return `${this.url}/robot/send?access_token=${token}`;
  }

  wecom(key: string): string {
    this.#add(`wecom:${key}`, 'wecom');
    return `${this.url}/cgi-bin/webhook/send?key=${key}`;
  }

  feishu(hook: string, secret?: string): string {
    this.#add(`feishu:${hook}`, 'feishu', secret);
    return `${this.url}/open-apis/bot/v2/hook/${hook}`;
  }

  webhook(name: string, secret?: string): string {
    this.#add(`webhook:${name}`, 'webhook', secret);
    return `${this.url}/hooks/${name}`;
  }

  /** As the robot is after 20 in a minute: every message refused (DingTalk's 130101) until unblocked. */
  block(robot: string): void {
    this.#robots.get(robot)!.blockedUntil = Date.now() + 10 * MINUTE;
  }

  unblock(robot: string): void {
    const found = this.#robots.get(robot)!;
    found.blockedUntil = 0;
    found.times.length = 0;
  }

  takenBy(robot: string): Taken[] {
    return this.taken.filter((t) => t.robot === robot);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  #add(id: string, kind: RobotKind, secret?: string): void {
    this.#robots.set(id, { kind, ...(secret === undefined ? {} : { secret }), times: [], blockedUntil: 0 });
  }

  async #answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    if (this.mode === 'reset') {
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url ?? '/', this.url);
    const id = robotId(url);
    const robot = id ? this.#robots.get(id) : undefined;
    const now = Date.now();
    const reply = (status: number, code: number | undefined, body: unknown) => {
      this.attempts.push({ robot: id ?? url.pathname, atMs: now, status, code });
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (this.mode === 'http-503') return reply(503, undefined, { error: 'service unavailable' });
    if (!robot || !id) {
      if (url.pathname === '/cgi-bin/webhook/send') return reply(200, 93000, { errcode: 93000, errmsg: 'invalid webhook url, hint: [1]' });
      if (url.pathname === '/robot/send') return reply(200, 300001, { errcode: 300001, errmsg: 'token is not exist' });
      return reply(404, undefined, { error: 'no such robot' });
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return robot.kind === 'feishu' ? reply(200, 9499, { code: 9499, msg: 'Bad Request' }) : reply(200, 40035, { errcode: 40035, errmsg: '缺少参数 json' });
    }
    const refusal = this.#check(robot, url, req, raw, body, now);
    if (refusal) return reply(200, refusal.code, refusal.body);
    robot.times.push(now);
    this.taken.push({ robot: id, atMs: now, text: textOf(robot.kind, body) });
    if (robot.kind === 'webhook') return reply(204, undefined, undefined);
    return robot.kind === 'feishu' ? reply(200, 0, { code: 0, data: {}, msg: 'success' }) : reply(200, 0, { errcode: 0, errmsg: 'ok' });
  }

  /** The service's refusal, if it would refuse. */
  #check(robot: Robot, url: URL, req: IncomingMessage, raw: string, body: Record<string, unknown>, now: number): { code: number; body: unknown } | undefined {
    const recent = robot.times.filter((t) => t > now - MINUTE).length;
    switch (robot.kind) {
      case 'dingtalk': {
        if (robot.secret) {
          const timestamp = Number(url.searchParams.get('timestamp'));
          const expected = createHmac('sha256', robot.secret).update(`${timestamp}\n${robot.secret}`).digest('base64');
          if (!(Math.abs(now - timestamp) < HOUR) || url.searchParams.get('sign') !== expected) {
            return { code: 310000, body: { errcode: 310000, errmsg: 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]' } };
          }
        }
        if (typeof body.msgtype !== 'string') return { code: 40035, body: { errcode: 40035, errmsg: '缺少参数 msgtype' } };
        if (robot.blockedUntil > now || recent >= 20) {
          robot.blockedUntil = Math.max(robot.blockedUntil, now + 10 * MINUTE);
          return { code: 130101, body: { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' } };
        }
        return undefined;
      }
      case 'wecom':
        if (typeof body.msgtype !== 'string') return { code: 40008, body: { errcode: 40008, errmsg: 'invalid message type' } };
        if (recent >= 20) return { code: 45009, body: { errcode: 45009, errmsg: 'api freq out of limit' } };
        return undefined;
      case 'feishu': {
        if (robot.secret) {
          const timestamp = Number(body.timestamp);
          const expected = createHmac('sha256', `${timestamp}\n${robot.secret}`).update('').digest('base64');
          if (!(Math.abs(now / 1000 - timestamp) < 3_600) || body.sign !== expected) {
            return { code: 19021, body: { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' } };
          }
        }
        if (robot.times.filter((t) => t > now - 1_000).length >= 5 || recent >= 100) return { code: 11232, body: { code: 11232, msg: 'frequency limited psm[lark.oapi.app_platform_runtime]appID[1]' } };
        return undefined;
      }
      case 'webhook': {
        if (!robot.secret) return undefined;
        const timestamp = String(req.headers['x-fraudwall-timestamp'] ?? '');
        const expected = `sha256=${createHmac('sha256', robot.secret).update(`${timestamp}.${raw}`).digest('hex')}`;
        return req.headers['x-fraudwall-signature'] === expected ? undefined : { code: 401, body: { error: 'bad signature' } };
      }
    }
  }
}

function robotId(url: URL): string | undefined {
  if (url.pathname === '/robot/send') return `dingtalk:${url.searchParams.get('access_token')}`;
  if (url.pathname === '/cgi-bin/webhook/send') return `wecom:${url.searchParams.get('key')}`;
  const feishu = /^\/open-apis\/bot\/v2\/hook\/([\w-]+)$/.exec(url.pathname);
  if (feishu) return `feishu:${feishu[1]}`;
  const hook = /^\/hooks\/([\w-]+)$/.exec(url.pathname);
  return hook ? `webhook:${hook[1]}` : undefined;
}

/** What the group reads: markdown's text, or the text message's. */
function textOf(kind: RobotKind, body: Record<string, unknown>): string {
  const field = (path: string[]) => path.reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined), body);
  const text = kind === 'dingtalk' ? field(['markdown', 'text']) ?? field(['text', 'content']) : kind === 'wecom' ? field(['markdown', 'content']) ?? field(['text', 'content']) : kind === 'feishu' ? field(['content', 'text']) : field(['text']);
  return typeof text === 'string' ? text : JSON.stringify(body);
}
