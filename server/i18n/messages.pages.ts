/** Interface strings of page images (merged into MESSAGES). */
export const pagesMessages: Record<string, { en: string; da: string }> = {
  'doc.pageImage': { en: 'Image of page', da: 'Billede af side' },
  // How OCR prepared a page before reading it (page_layouts.ocr_steps; server/ingest/ocr/ocr-steps.ts
  // words them for the page's OCR method line). `{n}` is filled in.
  'ocr.step.asScanned': { en: 'read as scanned', da: 'læst som scannet' },
  'ocr.step.turn': { en: 'turned {n}°', da: 'vendt {n}°' },
  'ocr.step.deskew': { en: 'straightened {n}°', da: 'rettet op {n}°' },
  'ocr.step.upscale': { en: 'enlarged {n}×', da: 'forstørret {n}×' },
  'ocr.step.flatten': { en: 'light evened out', da: 'lyset udjævnet' },
  'ocr.step.despeckle': { en: 'specks removed', da: 'pletter fjernet' },
  'ocr.step.binarise': { en: 'made black and white', da: 'gjort sort-hvid' },
  'ocr.readBy': { en: 'read by {n}', da: 'læst af {n}' },
};
