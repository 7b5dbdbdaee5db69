// Hostile batch files that every batch path (the CLI's --batch and the server's upload) must refuse
// the same way: the whole file, with the same bad lines and messages.
export interface HostileBatch {
  readonly name: string;
  readonly text: string;
  readonly lines: readonly { line: number; message: string }[];
}

export const HOSTILE_BATCHES: readonly HostileBatch[] = [
  { name: 'no name column', text: 'company,country\nHuawei,CN\n', lines: [{ line: 1, message: 'header: the column "name" is missing; allowed columns are name (required), id, type, country' }] },
  { name: 'an unknown column', text: 'name,colour\nHuawei,red\n', lines: [{ line: 1, message: 'header: unknown column "colour"; allowed columns are name (required), id, type, country' }] },
  { name: 'more fields than the header', text: 'id,name\nr1,Huawei,CN\nr2,ZTE\n', lines: [{ line: 2, message: '3 fields, the header has 2' }] },
  { name: 'a name too long', text: `name\n${'Huawei '.repeat(43)}x\nZTE\n`, lines: [{ line: 2, message: 'name: longer than 300 characters' }] },
  {
    name: 'bad type, empty name and bad country',
    text: 'name,type,country\nHuawei,company,CN\n,person,US\nBeihang,organization,China\n',
    lines: [
      { line: 2, message: 'type: "company" is not one of organization, person, vessel, aircraft, unknown' },
      { line: 3, message: 'name: empty' },
      { line: 4, message: 'country: "CHINA" is not a two-letter ISO code' },
    ],
  },
  { name: 'an empty file', text: '', lines: [{ line: 1, message: 'the file is empty; give a CSV with a "name" column, or JSON lines' }] },
  { name: 'a header and no rows', text: '\ufeffname,id\r\n', lines: [{ line: 2, message: 'no rows after the header' }] },
  { name: 'an unclosed quote', text: 'name\n"Huawei Technologies\n', lines: [{ line: 2, message: 'quoted field is never closed (truncated file?)' }] },
  { name: 'a control character', text: 'name\r\nHua\u0000wei\r\n', lines: [{ line: 2, message: 'the line has control characters or bytes that are not UTF-8 text' }] },
  {
    name: 'JSON lines with a bad line',
    text: '{"id":"j1","name":"Huawei Technologies"}\n{"id":"j2","name": broken\n{"id":3,"name":"ZTE","colour":"red"}\n{"name":["x"]}\n',
    lines: [
      { line: 2, message: 'not valid JSON' },
      { line: 3, message: 'unknown key "colour"; allowed keys are name (required), id, type, country' },
      { line: 4, message: 'name: must be a string' },
    ],
  },
];

/** A file every path accepts: BOM, CRLF, columns in any order and case, blank cells. */
export const GOOD_BATCH = '\ufeffCountry,NAME,id,Type\r\ncn,华为技术有限公司,r1,organization\r\n,"Doe, Jane",r2,\r\n';
