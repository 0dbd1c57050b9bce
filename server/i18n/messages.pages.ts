/** Interface strings of page images (merged into MESSAGES). */
export const pagesMessages: Record<string, { en: string; da: string }> = {
  'doc.pageImage': { en: 'Image of page', da: 'Billede af side' },
  // How OCR prepared a page before reading it (page_layouts.ocr_steps; server/documents/ocr-steps.ts
  // words them for the page's OCR method line). `{n}` is filled in.
  'ocr.step.asScanned': { en: 'read as scanned', da: 'læst som scannet' },
  'ocr.step.turn': { en: 'turned {n}°', da: 'vendt {n}°' },
  'ocr.step.deskew': { en: 'straightened {n}°', da: 'rettet op {n}°' },
  'ocr.step.upscale': { en: 'enlarged {n}×', da: 'forstørret {n}×' },
  'ocr.step.flatten': { en: 'light evened out', da: 'lyset udjævnet' },
  'ocr.step.despeckle': { en: 'specks removed', da: 'pletter fjernet' },
  'ocr.step.binarise': { en: 'made black and white', da: 'gjort sort-hvid' },
  'ocr.step.square': { en: 'stretched to square pixels', da: 'strakt til kvadratiske pixels' },
  'ocr.step.smooth': { en: 'smoothed', da: 'udglattet' },
  'ocr.step.combine': { en: '{n} readings combined word by word', da: '{n} læsninger kombineret ord for ord' },
  'ocr.readBy': { en: 'read by {n}', da: 'læst af {n}' },
  // The languages OCR read a page in (KILDE_OCR_LANGS, tesseract's codes), on the page's OCR method line.
  'ocr.lang.dan': { en: 'Danish', da: 'dansk' },
  'ocr.lang.eng': { en: 'English', da: 'engelsk' },
  'ocr.lang.deu': { en: 'German', da: 'tysk' },
  'ocr.lang.swe': { en: 'Swedish', da: 'svensk' },
  'ocr.lang.nor': { en: 'Norwegian', da: 'norsk' },
  'ocr.lang.fra': { en: 'French', da: 'fransk' },
  'ocr.lang.fao': { en: 'Faroese', da: 'færøsk' },
  'ocr.lang.kal': { en: 'Greenlandic', da: 'grønlandsk' },
};
