/** Interface strings of page images (merged into MESSAGES). */
export const pagesMessages: Record<string, { en: string; da: string }> = {
  'doc.pageImage': { en: 'Image of page', da: 'Billede af side' },
};
