import type { ActionService } from '../actions/action.service.ts';
import type { ResultService } from '../actions/result.service.ts';
import type { DialogueService } from '../dialogues/dialogue.service.ts';
import type { MinutesService } from '../dialogues/minutes.service.ts';
import type { RecordService } from '../record/record.service.ts';
import type { GroupService } from './group.service.ts';
import type { JoinRequestService } from './join-request.service.ts';

/**
 * The services of the working-groups and dialogue framework (groups, dialogues, actions, record).
 * A file of its own so http.ts can name them without importing collab.ts, which imports the routes
 * that import http.ts.
 */
export interface CollabServices {
  groups: GroupService;
  joinRequests: JoinRequestService;
  dialogues: DialogueService;
  minutes: MinutesService;
  actions: ActionService;
  results: ResultService;
  record: RecordService;
}
