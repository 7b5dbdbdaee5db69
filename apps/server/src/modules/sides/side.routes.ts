import { listOf, SideSchema } from '@qiao/contracts';
import type { App, Services } from '../../http.ts';
import { listSides } from './side.repository.ts';

export function sideRoutes(app: App, { database }: Services): void {
  app.get('/api/sides', {
    config: { access: { public: true } },
    schema: { tags: ['sides'], summary: 'The sides of the collaboration', response: { 200: listOf(SideSchema) } },
    handler: async () => ({ items: await listSides(database.db) }),
  });
}
