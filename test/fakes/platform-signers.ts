// The sending side of the platforms: signs webhook deliveries exactly as X and Meta do.
// Written independently of channels/ (plain crypto), so the tests do not check code with itself.
import { createHmac } from 'node:crypto';

export function xSignature(consumerSecret: string, body: string): string {
  return `sha256=${createHmac('sha256', consumerSecret).update(body).digest('base64')}`;
}

/** Meta serialises with every non-ASCII UTF-16 unit escaped as \uXXXX (lowercase hex), then signs. */
export function metaStringify(payload: unknown): string {
  return JSON.stringify(payload).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function metaSignature(appSecret: string, body: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

export interface Delivery {
  readonly body: string;
  readonly headers: Record<string, string>;
}

export function xDelivery(consumerSecret: string, payload: unknown): Delivery {
  const body = JSON.stringify(payload);
  return { body, headers: { 'content-type': 'application/json', 'x-twitter-webhooks-signature': xSignature(consumerSecret, body) } };
}

export function metaDelivery(appSecret: string, payload: unknown): Delivery {
  const body = metaStringify(payload);
  return { body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(appSecret, body) } };
}

export function kakaoDelivery(skillSecret: string, payload: unknown): Delivery {
  return { body: JSON.stringify(payload), headers: { 'content-type': 'application/json', 'x-sotong-skill-secret': skillSecret } };
}
