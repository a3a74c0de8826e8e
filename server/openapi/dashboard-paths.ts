// OpenAPI: the dashboard's figures (handoff/dashboard-routes.ts). The answer is a zod schema so the
// test can hold the route's real answer to it (strict: a field the document lacks fails there).
import { z } from 'zod';
import { BUCKETS } from '../../handoff/dashboard-repository';
import { dashboardQuery } from '../../handoff/dashboard-routes';
import { PRIORITIES } from '../../handoff/priority';
import { errorResponses, jsonResponse, queryParameters, responseSchema, secured, type OpenApiGroup } from './document';

const count = z.number().int().nonnegative();
const seconds = z.number().nonnegative().nullable();
const share = z.number().min(0).max(1).nullable();
const rating = z.number().min(1).max(5).nullable();
const instant = z.iso.datetime();
const volume = z.strictObject({ at: instant.describe('The start of the bucket'), key: z.string(), count });

const ticketFigures = z.strictObject({
  until: instant,
  firstResponse: z
    .strictObject({
      tickets: count,
      answered: count,
      waiting: count.describe('Open tickets nobody has answered yet: their wait so far counts (censored), never dropped'),
      medianSeconds: seconds,
      medianCensored: z.boolean().describe('The median falls on a wait still running: the true median is at least this'),
      answeredMedianSeconds: seconds.describe('Over the answered tickets only'),
      bands: z.strictObject({ answered: z.array(count), waiting: z.array(count) }).describe('Per band of firstResponse.bands'),
    })
    .describe("An agent's first response to each ticket of the window"),
  priorities: z.array(
    z.strictObject({
      priority: z.enum(PRIORITIES),
      tickets: count,
      met: count,
      missed: count,
      pending: count,
      compliance: share,
      overdue: z
        .array(z.strictObject({ id: z.string(), queue: z.string(), createdAt: instant, waitSeconds: z.number().nonnegative() }))
        .describe('Open, unanswered and past the deadline: oldest first'),
      oldestWaitSeconds: seconds,
    }),
  ),
  agents: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      handled: count,
      medianFirstResponseSeconds: seconds,
      medianResolutionSeconds: seconds,
      ratings: count,
      averageRating: rating,
    }),
  ),
});

const qualityFigures = z.strictObject({
  series: z.array(
    z.strictObject({
      at: instant,
      resolved: count,
      medianResolutionSeconds: seconds,
      reopened: count,
      reopenRate: share,
      ratings: count,
      averageRating: rating,
    }),
  ),
  csat: z.strictObject({ ratings: count, average: rating, byScore: z.array(count).length(5).describe('Ratings of 1 to 5') }),
  deflection: z
    .strictObject({ conversations: count, deflected: count, rate: share, pending: count.describe('Younger than 24 h: not counted either way') })
    .describe('Conversations the bot answered that reached no person within 24 h'),
});

/** GET /api/v1/metrics/dashboard's answer. */
export const dashboardAnswer = z.strictObject({
  since: instant,
  bucket: z.enum(BUCKETS),
  byChannel: z.array(volume).describe('Citizen messages per bucket and channel'),
  byIntent: z.array(volume).describe('Bot decisions per bucket and intent'),
  firstResponse: z
    .strictObject({
      bands: z.array(z.string()),
      callCentreBand: z.string().describe("The 110 call centre's 4–9 minutes"),
      bot: z.array(count),
      human: z.array(count),
    })
    .describe('First responses of the bot and of people, per band'),
  tickets: ticketFigures,
  quality: qualityFigures,
});

export const dashboardPaths: OpenApiGroup = {
  tag: { name: 'dashboard', description: "The operations dashboard's figures, from the stored rows." },
  paths: {
    '/api/v1/metrics/dashboard': {
      get: secured(['trainer'], {
        summary: 'Volumes by channel and intent, first-response bands, SLA per priority, per-agent figures, CSAT and deflection',
        parameters: queryParameters(dashboardQuery),
        responses: { '200': jsonResponse('The figures', responseSchema(dashboardAnswer)), ...errorResponses('SOTONG_ERR_VALIDATION') },
      }),
    },
  },
};
