/** Interface strings of page images and of the upload form's refusals (merged into MESSAGES). */
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
  // The upload form when a field is refused, and what a batch of several files takes from it.
  'upload.notSent': { en: 'Nothing was uploaded: correct the field marked below.', da: 'Intet blev uploadet: ret feltet, der er markeret nedenfor.' },
  'upload.chooseAgain': { en: 'Your browser does not keep chosen files: choose the files again before you upload.', da: 'Browseren gemmer ikke valgte filer: vælg filerne igen, før du uploader.' },
  'upload.appliesToAll': { en: 'The date, notes, access and filing apply to every file you upload; the title only when you upload a single file.', da: 'Dato, noter, adgang og arkivering gælder alle de filer, du uploader; titlen kun når du uploader én fil.' },
  'upload.field.files': { en: 'Files', da: 'Filer' },
  'upload.field.title': { en: 'Title', da: 'Titel' },
  'upload.field.date': { en: 'Date of the letter', da: 'Brevets dato' },
  'upload.field.notes': { en: 'Notes', da: 'Noter' },
  'upload.field.access': { en: 'Who may read these documents', da: 'Hvem må læse dokumenterne' },
  'upload.field.users': { en: 'Named users', da: 'Navngivne brugere' },
  'upload.field.embargoUntil': { en: 'Embargo ends', da: 'Embargoen slutter' },
  'batch.titleIgnored': { en: 'The title “{title}” was not used: a title is given only when one file is uploaded. Each document is titled from its PDF title or file name; the date, notes, access and filing were applied to every file.', da: 'Titlen “{title}” blev ikke brugt: en titel gives kun, når der uploades én fil. Hvert dokument har fået titel efter PDF-titlen eller filnavnet; dato, noter, adgang og arkivering gælder alle filerne.' },
};
