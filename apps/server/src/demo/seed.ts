import type { Services } from '../http.ts';
import { seedDemoCollab } from './demo-collab.ts';
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD, DEMO_PEOPLE, DEMO_USERS } from './demo-data.ts';
import { seedDemoDatasets } from './demo-datasets.ts';

/** Seeds the demo once: only when the directory has no organisations yet. Returns whether it did. */
export async function seedDemo(services: Services): Promise<boolean> {
  const existing = await services.parties.listOrganizations({});
  if (existing.length > 0) return false;
  const orgIds = new Map<string, string>();
  for (const { key, ...org } of DEMO_ORGANIZATIONS) {
    orgIds.set(key, (await services.parties.createOrganization(null, org, true)).id);
  }
  for (const p of DEMO_PEOPLE) {
    await services.parties.createPerson(null, { names: p.names, side: p.side, affiliationId: orgIds.get(p.org) ?? null, email: p.email }, true);
  }
  const users = new Set((await services.users.list()).map((u) => u.email));
  for (const u of DEMO_USERS) {
    if (!users.has(u.email)) await services.users.create(null, { ...u, password: DEMO_PASSWORD, isDemo: true });
  }
  // A working group with both co-chairs and a draft project, and the synthetic demo datasets.
  await seedDemoCollab(services);
  await seedDemoDatasets(services);
  return true;
}
