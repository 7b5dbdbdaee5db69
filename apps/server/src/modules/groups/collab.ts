import type { App, Services } from '../../http.ts';
import type { ServiceDeps } from '../../services.ts';
import type { CollabServices } from './collab.types.ts';
import { actionRoutes } from '../actions/action.routes.ts';
import { ActionService } from '../actions/action.service.ts';
import { ResultService } from '../actions/result.service.ts';
import { dialogueRoutes } from '../dialogues/dialogue.routes.ts';
import { DialogueService } from '../dialogues/dialogue.service.ts';
import { minutesRoutes } from '../dialogues/minutes.routes.ts';
import { MinutesService } from '../dialogues/minutes.service.ts';
import { recordRoutes } from '../record/record.routes.ts';
import { RecordService } from '../record/record.service.ts';
import { groupRoutes } from './group.routes.ts';
import { GroupService } from './group.service.ts';
import { JoinRequestService } from './join-request.service.ts';

export type { CollabServices } from './collab.types.ts';

export function buildCollabServices(deps: ServiceDeps): CollabServices {
  return {
    groups: new GroupService(deps),
    joinRequests: new JoinRequestService(deps),
    dialogues: new DialogueService(deps),
    minutes: new MinutesService(deps),
    actions: new ActionService(deps),
    results: new ResultService(deps),
    record: new RecordService(deps),
  };
}

export function collabRoutes(app: App, services: Services): void {
  for (const routes of [groupRoutes, dialogueRoutes, minutesRoutes, actionRoutes, recordRoutes]) routes(app, services);
}
