/**
 * HTTP routes for blocking: block, unblock, and my list.
 */
import { BlockListViewSchema, UserIdParamsSchema } from '@airtalk/contracts';
import type { ZodApp } from '../../platform/http/zod-app.js';
import { requireAuth } from '../sessions/index.js';
import { presentBlock } from './blocks.presenter.js';
import type { BlocksService } from './blocks.service.js';

export function registerBlockRoutes(app: ZodApp, blocks: BlocksService): void {
  app.post(
    '/api/v1/blocks/:userId',
    { schema: { tags: ['safety'], params: UserIdParamsSchema } },
    async (request, reply) => {
      await blocks.block(requireAuth(request).userId, request.params.userId);
      return reply.code(204).send();
    },
  );

  app.delete(
    '/api/v1/blocks/:userId',
    { schema: { tags: ['safety'], params: UserIdParamsSchema } },
    async (request, reply) => {
      await blocks.unblock(requireAuth(request).userId, request.params.userId);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/me/blocks',
    { schema: { tags: ['safety'], response: { 200: BlockListViewSchema } } },
    async (request) => {
      const rows = await blocks.listBlockedBy(requireAuth(request).userId);
      return { blocks: rows.map(presentBlock) };
    },
  );
}
