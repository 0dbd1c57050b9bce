import type { Migration } from './index';

/**
 * Suggestions made before CPR-like numbers were masked in their context text may hold a full CPR
 * number in `detail.context` (and, rarely, `detail.text`) of date suggestions. SQLite cannot mask
 * with a pattern, so the context of any such row is dropped (the date and page stay; the page shows
 * the text where it belongs). GLOB classes match a day 0–3 and month 0–1 first digit, then the rest.
 */
const CPR_LIKE = [
  '*[0-3][0-9][01][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]*',
  '*[0-3][0-9][01][0-9][0-9][0-9]–[0-9][0-9][0-9][0-9]*',
  '*[0-3][0-9][01][0-9][0-9][0-9]‐[0-9][0-9][0-9][0-9]*',
  '*[0-3][0-9][01][0-9][0-9][0-9]‑[0-9][0-9][0-9][0-9]*',
  '*[0-3][0-9][01][0-9][0-9][0-9] [0-9][0-9][0-9][0-9]*',
  '*[0-3][0-9][01][0-9][0-9][0-9][0-9][0-9][0-9][0-9]*',
];
const matches = (expr: string) => `(${CPR_LIKE.map((g) => `${expr} GLOB '${g}'`).join(' OR ')})`;

export const m006_mask_cpr_context: Migration = {
  version: 6,
  name: 'mask_cpr_context',
  sql: `
UPDATE suggestions SET detail = json_remove(detail, '$.context')
 WHERE json_valid(detail) AND ${matches("COALESCE(json_extract(detail, '$.context'), '')")};
UPDATE suggestions SET detail = json_remove(detail, '$.text')
 WHERE json_valid(detail) AND kind <> 'personal_data' AND ${matches("COALESCE(json_extract(detail, '$.text'), '')")};
UPDATE suggestions SET detail = json_remove(detail, '$.matched')
 WHERE json_valid(detail) AND ${matches("COALESCE(json_extract(detail, '$.matched'), '')")};
`,
};
