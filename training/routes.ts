// The trainer API (roles trainer and admin): the catalog in the database, its export, the inbox,
// background training, evaluations, publish and rollback. Validation and rules live in
// training/trainer-*; this file maps HTTP onto them (their DomainErrors reach the catalogue through the error handler).
import { Router, type Response } from 'express';
import type { Trainer } from './trainer-api';
import { requireAuthOf, type AuthGuard } from '../accounts/guard';
import { SotongError } from '../core/errors';
import { nluRoutes } from './nlu-routes';

export interface TrainerRoutesDeps {
  readonly trainer: Trainer;
  readonly guard: AuthGuard;
}

const actor = (res: Response): string => requireAuthOf(res).user.id;

export function trainerRoutes({ trainer, guard }: TrainerRoutesDeps): Router {
  const router = Router();
  const trainerOnly = guard.role('trainer');
  const { catalog, inbox, models, jobs } = trainer;
  const param = (value: unknown) => String(value);

  // Before /intents/:id, or "export" would be taken for an id.
  router.get('/intents/export', ...trainerOnly, async (_req, res) => {
    res.json({ files: await catalog.exportFiles() });
  });
  // The studio and the dashboard: answers to review, broken official links.
  router.get('/freshness', ...trainerOnly, async (_req, res) => {
    res.json(await catalog.freshness(new Date()));
  });
  router.get('/intents', ...trainerOnly, async (_req, res) => {
    res.json({ intents: await catalog.list() });
  });
  router.post('/intents', ...trainerOnly, async (req, res) => {
    res.status(201).json(await catalog.create(actor(res), req.body));
  });
  router.get('/intents/:id', ...trainerOnly, async (req, res) => {
    res.json(await catalog.get(param(req.params.id)));
  });
  router.put('/intents/:id', ...trainerOnly, async (req, res) => {
    res.json(await catalog.update(actor(res), param(req.params.id), req.body));
  });
  router.delete('/intents/:id', ...trainerOnly, async (req, res) => {
    await catalog.remove(actor(res), param(req.params.id));
    res.status(204).end();
  });
  router.put('/intents/:id/answers', ...trainerOnly, async (req, res) => {
    res.json(await catalog.setAnswers(actor(res), param(req.params.id), req.body));
  });
  router.get('/intents/:id/examples', ...trainerOnly, async (req, res) => {
    res.json({ examples: await catalog.examples(param(req.params.id)) });
  });
  router.post('/intents/:id/examples', ...trainerOnly, async (req, res) => {
    res.status(201).json({ example: await catalog.addExample(actor(res), param(req.params.id), req.body) });
  });
  router.delete('/intents/:id/examples/:exampleId', ...trainerOnly, async (req, res) => {
    await catalog.removeExample(actor(res), param(req.params.id), param(req.params.exampleId));
    res.status(204).end();
  });

  router.get('/inbox', ...trainerOnly, async (req, res) => {
    res.json({ items: await inbox.list(req.query) });
  });
  router.post('/inbox/:id/accept', ...trainerOnly, async (req, res) => {
    res.status(201).json(await inbox.accept(actor(res), param(req.params.id), req.body));
  });
  router.post('/inbox/:id/dismiss', ...trainerOnly, async (req, res) => {
    await inbox.dismiss(actor(res), param(req.params.id));
    res.status(204).end();
  });

  router.get('/models', ...trainerOnly, async (_req, res) => {
    res.json({ live: trainer.registry.version(), versions: await models.list() });
  });
  router.post('/models/train', ...trainerOnly, async (_req, res) => {
    const job = jobs.start(actor(res));
    res.status(202).location(`/api/v1/models/training/${job.id}`).json({ jobId: job.id, job });
  });
  router.get('/models/training/:jobId', ...trainerOnly, async (req, res) => {
    const job = await jobs.get(param(req.params.jobId));
    if (!job) throw new SotongError('SOTONG_ERR_NOT_FOUND', { params: { what: `training job ${param(req.params.jobId)}` } });
    res.json({ job });
  });
  router.get('/models/:version/evaluation', ...trainerOnly, async (req, res) => {
    res.json(await models.evaluation(param(req.params.version)));
  });
  router.post('/models/:version/publish', ...trainerOnly, async (req, res) => {
    res.json(await models.publish(actor(res), param(req.params.version), req.body));
  });
  router.post('/models/:version/rollback', ...trainerOnly, async (req, res) => {
    res.json(await models.rollback(actor(res), param(req.params.version), req.body));
  });
  return router;
}

/** The trainer's route modules (trainer API + NLU parse), in the shape of buildApp's `routes`. */
export function trainerRouteModules(deps: TrainerRoutesDeps): { readonly path: string; readonly router: Router }[] {
  return [
    { path: '/api/v1', router: trainerRoutes(deps) },
    { path: '/api/v1', router: nluRoutes({ registry: deps.trainer.registry, guard: deps.guard }) },
  ];
}
