import type { IndicatorSeriesInput } from '@qiao/contracts';

/**
 * Curated series every installation starts with. Figures are the publicly reported ones; where the
 * primary publication has not been checked, `verified` is false and the dashboard shows it, so an
 * administrator can confirm the source (and add its URL) before the number is cited. An unverified
 * source never carries a link: a link reads as a citation, and each one here must lead to the
 * publication itself (indicator.seed-data.test.ts).
 */
export const SEED_SERIES: IndicatorSeriesInput[] = [
  {
    id: 'unicorns-by-country',
    nameEn: 'Unicorn companies by country',
    nameZh: '各国独角兽企业数量',
    unitEn: 'companies',
    unitZh: '家',
    chart: 'bar',
    source: { publisher: 'Hurun Research Institute', title: 'Hurun Global Unicorn Index 2024', retrievedOn: '2026-11-29', verified: false },
    notesEn: 'Privately held companies valued at USD 1 billion or more. DE+GB+FR is Germany, the UK and France together.',
    notesZh: '估值10亿美元及以上的非上市公司。DE+GB+FR 为德国、英国和法国合计。',
    values: [
      { period: '2024', country: 'US', value: 703 },
      { period: '2024', country: 'CN', value: 340 },
      { period: '2024', country: 'DE+GB+FR', value: 116 },
    ],
  },
  {
    id: 'cn-chip-imports-index',
    nameEn: "China's integrated-circuit imports (2021 = 100)",
    nameZh: '中国集成电路进口（2021年 = 100）',
    unitEn: 'index, 2021 = 100',
    unitZh: '指数，2021年 = 100',
    chart: 'line',
    source: { publisher: 'General Administration of Customs of the PRC', title: 'Customs statistics: imports of integrated circuits, 2021 and 2024', retrievedOn: '2026-11-29', verified: false },
    notesEn: '2024 imports stood at 99.4% of their 2021 level.',
    notesZh: '2024年进口额为2021年水平的99.4%。',
    values: [
      { period: '2021', country: 'CN', value: 100 },
      { period: '2024', country: 'CN', value: 99.4 },
    ],
  },
  {
    id: 'cn-chip-exports-index',
    nameEn: "China's integrated-circuit exports (2021 = 100)",
    nameZh: '中国集成电路出口（2021年 = 100）',
    unitEn: 'index, 2021 = 100',
    unitZh: '指数，2021年 = 100',
    chart: 'line',
    source: { publisher: 'General Administration of Customs of the PRC', title: 'Customs statistics: exports of integrated circuits, 2021 and 2024', retrievedOn: '2026-11-29', verified: false },
    notesEn: '2024 exports were 16.2% above their 2021 level.',
    notesZh: '2024年出口额比2021年高16.2%。',
    values: [
      { period: '2021', country: 'CN', value: 100 },
      { period: '2024', country: 'CN', value: 116.2 },
    ],
  },
  {
    id: 'cn-share-chip-capacity',
    nameEn: "China's projected share of global chip manufacturing capacity",
    nameZh: '中国在全球芯片制造产能中的预计份额',
    unitEn: '% of global capacity',
    unitZh: '占全球产能的百分比',
    chart: 'bar',
    source: { publisher: 'Industry forecasts as publicly reported', title: 'Projection of China’s share of global semiconductor manufacturing capacity in 2027', retrievedOn: '2026-11-29', verified: false },
    notesEn: 'A projection, not a measurement; confirm the forecaster and its definition of capacity before citing.',
    notesZh: '这是预测值而非实测值；引用前请核实预测机构及其产能定义。',
    values: [{ period: '2027', country: 'CN', value: 40 }],
  },
  {
    id: 'us-entity-list-cn-entities',
    nameEn: 'Chinese entities on the US Entity List',
    nameZh: '美国实体清单上的中国实体',
    unitEn: 'entities',
    unitZh: '个实体',
    chart: 'bar',
    source: {
      // No primary publication of these two counts has been found (the link once given here led to an
      // unrelated website), so the figure carries no link until the BIS or Federal Register source is
      // confirmed; the Entity List itself is Supplement No. 4 to 15 CFR Part 744.
      publisher: 'US Bureau of Industry and Security (count as reported in the press; primary source not confirmed)',
      title: 'Number of PRC entities on the Entity List, 2018 and 2023',
      retrievedOn: '2026-11-29',
      verified: false,
    },
    notesEn: 'Secondary report of a BIS review. More than 800 by 2024–25 is consistent with later additions; the live indicator counts the list as loaded in this platform.',
    notesZh: '转引自对美国工业与安全局审查的报道。2024—2025年超过800个与后续增列相符；实时指标按本平台已导入的清单计数。',
    values: [
      { period: '2018', country: 'CN', value: 218 },
      { period: '2023', country: 'CN', value: 787 },
    ],
  },
];
