/**
 * The kinds of persisted job, named once: intake queues an extraction, the documents service queues
 * one again (a password, a re-read), and the composition root gives the kind its handler.
 */
export const EXTRACT_JOB = 'extract';
