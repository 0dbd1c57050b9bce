/**
 * The preparation OCR made of a page (page_layouts.ocr_steps, written by ingest/ocr/page-reader.ts: e.g.
 * "turn:180 deskew:2.1 upscale:2 flatten") in words for the page's OCR method line, e.g.
 * "turned 180° · straightened 2.1° · enlarged 2×". `t` is the view's translate function, `lang` its language; the
 * message keys are `ocr.step.*` (server/i18n/messages.pages.ts). Null (a page not read by OCR, or
 * read before this was recorded) gives ''. A page whose readings were combined word by word ends in
 * "combine:<n>" after the steps of all n readings.
 */
const KEYS: Record<string, string> = {
  turn: 'ocr.step.turn',
  deskew: 'ocr.step.deskew',
  upscale: 'ocr.step.upscale',
  flatten: 'ocr.step.flatten',
  despeckle: 'ocr.step.despeckle',
  binarise: 'ocr.step.binarise',
  square: 'ocr.step.square',
  smooth: 'ocr.step.smooth',
  combine: 'ocr.step.combine',
};

export function describeOcrSteps(steps: string | null | undefined, t: (key: string) => string, lang: 'da' | 'en' = 'en'): string {
  if (steps === null || steps === undefined) return '';
  const words = steps.split(' ').filter(Boolean).flatMap((step) => {
    const [name, value] = step.split(':');
    const key = KEYS[name!];
    if (!key) return [];
    // The size of a turn, not its direction: "straightened 2.1°" (Danish writes "2,1").
    const n = value === undefined ? '' : String(Math.round(Math.abs(Number(value)) * 10) / 10).replace('.', lang === 'da' ? ',' : '.');
    return [t(key).replace('{n}', n)];
  });
  // A combined reading lists the steps of every reading it drew on: each step is named once.
  return words.length ? [...new Set(words)].join(' · ') : t('ocr.step.asScanned');
}
