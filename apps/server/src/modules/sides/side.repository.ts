import type { Side } from '@qiao/contracts';
import { asc } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { sides } from './side.schema.ts';

export function listSides(db: DbOrTx): Promise<Side[]> {
  return db.select({ code: sides.code, nameEn: sides.nameEn, nameZh: sides.nameZh }).from(sides).orderBy(asc(sides.code));
}
