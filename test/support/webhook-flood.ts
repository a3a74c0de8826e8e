// A load generator in a process of its own (run with `node --import tsx`), so the load does not
// wait on the event loop of the server under test: posts COUNT signed Messenger deliveries to
// URL/webhooks/facebook over DURATION_MS on schedule (open loop), the i-th from psid BASE + i,
// and prints one JSON line with every answer's status (0: no answer at all).
import http from 'node:http';
import { metaDelivery } from '../fakes/platform-signers';
import { META_SECRET, fbMessage, fbPage } from '../channels/support/payloads';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`webhook-flood: ${name} is not set`);
  return value;
};

/** One POST on a connection of its own, as Meta's senders do: no idle keep-alive socket to race the server's close. */
function post(url: string, delivery: { body: string; headers: Record<string, string> }): Promise<number> {
  return new Promise((resolve) => {
    const request = http.request(url, { method: 'POST', agent: false, headers: delivery.headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    request.on('error', () => resolve(0));
    request.end(delivery.body);
  });
}

async function main(): Promise<void> {
  const url = env('URL');
  const count = Number(env('COUNT'));
  const durationMs = Number(env('DURATION_MS'));
  const base = BigInt(env('BASE'));
  const started = Date.now();
  const answers: Promise<number>[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * durationMs) / count;
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    const psid = String(base + BigInt(i));
    const delivery = metaDelivery(
      META_SECRET,
      fbPage({ messaging: [{ ...fbMessage(`m_flood_${psid}`, `질문 ${i}`), sender: { id: psid }, timestamp: Date.now() }] }),
    );
    answers.push(post(`${url}/webhooks/facebook`, delivery));
  }
  process.stdout.write(`${JSON.stringify({ statuses: await Promise.all(answers) })}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
