// The working-groups fixtures (a cast of users, a group, a round) over a live server: the fixtures
// build through app.inject, the hostile requests then go over the socket with the same sessions.
import type { TestApp } from '../../apps/server/src/testing/app.ts';
import { signInCast, type Cast, type Signed } from '../../apps/server/src/modules/groups/group.fixtures.ts';
import { HttpClient } from './client.ts';
import { createUser, signIn, type Live } from './live.ts';

/** The live server seen through the TestApp interface the module fixtures expect. */
export function asTestApp(live: Live): TestApp {
  return {
    app: live.app,
    services: live.services,
    async signInAs(roles, side = 'US') {
      const { email } = await createUser(live.services, roles, side);
      const client = await signIn(live, email);
      return { session: client.session, headers: client.defaults };
    },
    close: () => live.close(),
  };
}

export async function liveCast(live: Live): Promise<Cast> {
  return signInCast(asTestApp(live));
}

/** An HTTP client acting as a cast member. */
export function as(live: Live, who: Signed): HttpClient {
  return new HttpClient(live.url, who.headers);
}
